// Resolves what a callee refers to through the imports in scope: `from pickle import loads as l`
// makes `l(...)` a call to 'pickle.loads'; `import hashlib as h` makes `h.md5` 'hashlib.md5'.
import type { PyImport } from '../../parser/types.js';

export type Qualifier = (callee: string) => string;

export function importQualifier(imports: readonly PyImport[]): Qualifier {
  const aliases = new Map<string, string>();
  for (const imp of imports) {
    for (const { name, alias } of imp.names) {
      if (imp.kind === 'from') aliases.set(alias ?? name, `${imp.module}.${name}`);
      else if (alias) aliases.set(alias, name);
    }
  }
  if (aliases.size === 0) return (callee) => callee;
  return (callee) => {
    const dot = callee.indexOf('.');
    const head = dot < 0 ? callee : callee.slice(0, dot);
    const target = aliases.get(head);
    return target ? target + (dot < 0 ? '' : callee.slice(dot)) : callee;
  };
}
