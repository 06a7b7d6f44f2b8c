// api/unresolved-import and api/unknown-name: an import from the indexed package names a module
// that exists, and each imported name is defined, re-exported, lazily served (module __getattr__)
// or a submodule. Relative imports and other packages are not checked.
import type { PyImport } from '../../parser/types.js';
import type { ApiIndexView } from '../../api-index/api-view.js';
import { closest } from '../onex/closest.js';
import type { Rule, RuleContext } from '../rule.js';

function definedIn(view: ApiIndexView, name: string): string {
  const defs = view.definitionsOf(name);
  if (defs.length === 0) return '';
  const modules = defs.slice(0, 3).map((d) => (d.kind === 'module' || d.kind === 'class' || d.kind === 'function' || d.kind === 'opaque' ? d.module : d.origin));
  return `: ${name} is defined in ${modules.join(', ')}${defs.length > 3 ? ', …' : ''}`;
}

function closestModule(view: ApiIndexView, module: string): string | undefined {
  const parent = module.slice(0, module.lastIndexOf('.'));
  const siblings = view.moduleNames().filter((m) => m.startsWith(`${parent}.`) && !m.slice(parent.length + 1).includes('.'));
  const best = closest(module.slice(parent.length + 1), siblings.map((m) => m.slice(parent.length + 1)), 4);
  return best ? `${parent}.${best}` : undefined;
}

function checkImport(ctx: RuleContext, view: ApiIndexView, imp: PyImport, kind: 'module' | 'name'): void {
  if (imp.kind === 'import') {
    if (kind !== 'module') return;
    for (const { name } of imp.names) {
      if (!view.inPackage(name) || view.module(name)) continue;
      const near = closestModule(view, name);
      ctx.report(imp.range, `module ${name} does not exist in ${view.label}${near ? `: did you mean ${near}?` : ''}`);
    }
    return;
  }
  if (!view.inPackage(imp.module)) return;
  if (!view.module(imp.module)) {
    if (kind !== 'module') return;
    const hints = imp.names.map((n) => definedIn(view, n.name).replace(/^: /, '')).filter(Boolean);
    const near = closestModule(view, imp.module);
    ctx.report(imp.range, `module ${imp.module} does not exist in ${view.label}${hints.length ? `: ${hints.join('; ')}` : near ? `: did you mean ${near}?` : ''}`);
    return;
  }
  if (kind !== 'name') return;
  for (const { name } of imp.names) {
    if (name === '*' || view.member(imp.module, name)) continue;
    ctx.report(imp.range, `${imp.module} has no name "${name}" in ${view.label}${definedIn(view, name)}`);
  }
}

function importRule(id: string, kind: 'module' | 'name', summary: string): Rule {
  return {
    id,
    category: 'compliance',
    severity: 'error',
    summary,
    check(ctx) {
      if (ctx.module.imports.length === 0) return;
      const view = ctx.api();
      if (!view) return;
      for (const imp of ctx.module.imports) checkImport(ctx, view, imp, kind);
    },
  };
}

export const unresolvedImport = importRule('api/unresolved-import', 'module', 'import of a module the indexed package does not have');
export const unknownName = importRule('api/unknown-name', 'name', 'name imported from an indexed module that neither defines, re-exports, lazily serves it nor has it as a submodule');
