// Import statements the model added at the top level of the returned code leave the body and
// become requirements of the file's import block (never silently dropped): the caller merges them
// into the file, and validation counts the names they bind as bound.
import type { ParsedModule, PyImport } from '../parser/types.js';
import type { RequiredImport } from '../validation/validation-types.js';

export function stripTopLevelImports(module: Pick<ParsedModule, 'source' | 'imports'>): { code: string; imports: string[]; required: RequiredImport[] } {
  const top = module.imports.filter((i) => i.range.startColumn === 1);
  if (top.length === 0) return { code: module.source, imports: [], required: [] };
  const drop = new Set<number>();
  for (const imp of top) for (let l = imp.range.startLine; l <= imp.range.endLine; l++) drop.add(l);
  const code = module.source
    .split('\n')
    .filter((_, i) => !drop.has(i + 1))
    .join('\n')
    .replace(/^\n+/, '');
  return { code, imports: top.map((i) => i.text), required: top.map(requiredImport) };
}

/** The names a statement binds: `import a.b` binds `a`, `import a.b as c` binds `c`, `from m import x as y` binds `y`. */
export function boundNames(imp: Pick<PyImport, 'kind' | 'names'>): string[] {
  return imp.names.filter((n) => n.name !== '*').map(({ name, alias }) => alias ?? (imp.kind === 'import' ? name.split('.')[0]! : name));
}

function requiredImport(imp: PyImport): RequiredImport {
  return {
    statement: imp.text,
    kind: imp.kind,
    module: imp.module,
    names: imp.names.map((n) => ({ name: n.name, ...(n.alias ? { alias: n.alias } : {}) })),
    binds: boundNames(imp),
  };
}
