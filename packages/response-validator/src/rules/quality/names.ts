// Names: variables assigned and never read, and names read but defined nowhere the code can see
// (its own scopes, Python's builtins, context.fileImports and context.knownNames).
import type { Rule, RuleContext } from '../rule.js';
import { scopesOf } from '../tree/scopes.js';

export const unusedVariable: Rule = {
  id: 'quality/unused-variable',
  category: 'quality',
  severity: 'warning',
  summary: 'local variable assigned but never used',
  check(ctx) {
    for (const scope of scopesOf(ctx.root, ctx.module.source).scopes) {
      if (scope.kind !== 'function') continue;
      for (const [name, node] of scope.simpleAssignments) {
        if (name.startsWith('_') || scope.loadedNames.has(name) || scope.globals.has(name)) continue;
        ctx.report(node, `"${name}" is assigned but never used: use it (return it, pass it on) or remove the assignment`);
      }
    }
  },
};

export const undefinedName: Rule = {
  id: 'quality/undefined-name',
  category: 'quality',
  severity: 'warning',
  summary: 'name used but never defined or imported (an error in generated code)',
  check(ctx) {
    const table = scopesOf(ctx.root, ctx.module.source);
    if (table.hasWildcardImport || (ctx.context.fileImports ?? []).some((i) => /\*\s*$/.test(i))) return; // `import *` hides every name
    const known = knownNames(ctx);
    // Generated code (a method body, or context.generated) reading an unbound name fails at run
    // time: an error there, whatever the profile's severity for hand-written files.
    const generated = ctx.context.generated ?? !!ctx.wrapper;
    const option = ctx.options.generatedSeverity;
    const severity = generated ? (option === 'warning' || option === 'info' ? option : 'error') : undefined;
    for (const scope of table.scopes) {
      const reported = new Set<string>();
      for (const { name, node } of scope.loads) {
        if (reported.has(name) || known.has(name) || ctx.builtins.has(name)) continue;
        let defined = false;
        for (let s: typeof scope | undefined = scope; s && !defined; s = s.parent) defined = s.bindings.has(name);
        if (defined) continue;
        reported.add(name);
        ctx.report(node, `"${name}" is not defined here: import it, define it, or use a name the node provides`, severity);
      }
    }
  },
};

function knownNames(ctx: RuleContext): Set<string> {
  const names = new Set<string>(ctx.context.knownNames ?? []);
  for (const n of ctx.fileImportNames) names.add(n);
  const fragmentNames = ctx.options.fragmentKnownNames;
  if (ctx.wrapper && Array.isArray(fragmentNames)) for (const n of fragmentNames) if (typeof n === 'string') names.add(n);
  return names;
}
