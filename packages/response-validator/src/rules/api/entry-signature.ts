// api/entry-signature: a class on an indexed base overrides the base's methods with a signature
// the runtime can call (same async-ness, same positional parameters, nothing extra required), and
// does not define an entry method (profile `api.entryMethods`) that its base never calls.
import type { ApiFunction, ApiParam } from '../../api-index/schema.js';
import { apiParam } from '../../api-index/param-kind.js';
import type { Rule } from '../rule.js';
import { isAsyncFunction } from '../tree/nodes.js';
import { apiScope, type LocalClass } from './api-scope.js';
import { callableParams, renderSignature } from './signature.js';
import type { ApiScope } from './api-scope.js';

function inherited(local: LocalClass, name: string, scope: ApiScope): { owner: string; fn: ApiFunction } | undefined {
  for (const base of local.bases) {
    const found = scope.view.findMethod(base, name);
    if (found) return { owner: found.owner.name, fn: found.fn };
  }
  return undefined;
}

/** Why an override cannot stand in for the base method, or undefined when it can. */
function incompatibility(own: ApiParam[], base: ApiParam[]): string | undefined {
  const ownPositional = own.filter((p) => p.kind === 'positional_or_keyword' || p.kind === 'positional_only');
  const basePositional = base.filter((p) => p.kind === 'positional_or_keyword' || p.kind === 'positional_only');
  const ownVarPositional = own.some((p) => p.kind === 'var_positional');
  const ownVarKeyword = own.some((p) => p.kind === 'var_keyword');
  for (let i = 0; i < basePositional.length; i++) {
    const b = basePositional[i]!;
    const o = ownPositional[i];
    if (!o) {
      if (ownVarPositional) continue;
      return `it does not take "${b.name}"`;
    }
    if (o.name !== b.name && b.kind === 'positional_or_keyword' && !ownVarKeyword) return `its parameter ${i + 1} is "${o.name}" where callers pass "${b.name}"`;
  }
  const extra = own.filter(
    (p) => !p.default && (p.kind === 'positional_or_keyword' || p.kind === 'positional_only' || p.kind === 'keyword_only') && !base.some((b) => b.name === p.name),
  );
  if (extra.length) return `it requires ${extra.map((p) => `"${p.name}"`).join(', ')}, which callers of the base method do not pass`;
  return undefined;
}

export const entrySignature: Rule = {
  id: 'api/entry-signature',
  category: 'compliance',
  severity: 'error',
  summary: "a node's entry method does not match its base class (signature, async-ness, or a method the base never calls)",
  check(ctx) {
    const scope = apiScope(ctx);
    if (!scope) return;
    const entryMethods = ctx.profile.api.entryMethods ?? [];
    for (const local of scope.localClasses.values()) {
      if (local.bases.length === 0) continue;
      for (const [name, node] of local.methods) {
        if (name.startsWith('__')) continue;
        const base = inherited(local, name, scope);
        const fn = ctx.module.functions.find((f) => f.qualifiedName === `${local.name}.${name}` && f.definition.startIndex <= node.startIndex && node.startIndex < f.definition.endIndex);
        if (!base) {
          if (!entryMethods.includes(name) || !local.closed) continue;
          const runtime = entryMethods.map((m) => ({ m, found: inherited(local, m, scope) })).find((x) => x.found);
          const bases = local.bases.map((b) => b.name).join(', ');
          ctx.report(
            node.childForFieldName('name') ?? node,
            `${bases} never calls ${name}()${runtime ? `: the runtime calls ${renderSignature(runtime.m, runtime.found!.fn.params)} (defined on ${runtime.found!.owner})` : ''} — rename the entry method or use the base class that calls ${name}`,
          );
          continue;
        }
        if (!fn || base.fn.decorators?.some((d) => d === 'property' || d.endsWith('.setter'))) continue;
        const baseSig = renderSignature(`${base.owner}.${name}`, base.fn.params);
        if (!!base.fn.async !== isAsyncFunction(node)) {
          ctx.report(node.childForFieldName('name') ?? node, `${name} overrides ${baseSig}, which is ${base.fn.async ? 'async' : 'not async'}: declare it ${base.fn.async ? 'async def' : 'def'}`);
          continue;
        }
        const own = fn.params.map(apiParam);
        const why = incompatibility(callableParams({ params: own }, true), callableParams(base.fn, true));
        if (why) ctx.report(node.childForFieldName('parameters') ?? node, `${renderSignature(name, own)} overrides ${baseSig}, but ${why}`);
      }
    }
  },
};
