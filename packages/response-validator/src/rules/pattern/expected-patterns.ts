// Pattern and template-variant alignment: the context names the patterns (or a variant that
// implies patterns) the code should use; each pattern in the profile lists the callees or
// decorators that show it is used (e.g. connection pooling: `*.pool.acquire`).
import type { Rule, RuleContext } from '../rule.js';
import { calleeText } from '../tree/nodes.js';

function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
}

export function expectedPatternIds(ctx: Pick<RuleContext, 'context' | 'profile'>): string[] {
  const ids = [...(ctx.context.expectedPatterns ?? []), ...(ctx.context.requiredPatterns ?? [])];
  const variant = ctx.context.variant?.toUpperCase();
  if (variant) ids.push(...(ctx.profile.variants[variant] ?? []));
  return [...new Set(ids.map((id) => id.toLowerCase().replace(/_v\d+$/, '').replace(/[\s-]+/g, '_')))];
}

export const missingPattern: Rule = {
  id: 'pattern/missing-expected',
  category: 'pattern',
  severity: 'warning',
  summary: 'a pattern the context expects is not used',
  check(ctx) {
    const expected = expectedPatternIds(ctx);
    if (expected.length === 0) return;
    const required = new Set(expectedPatternIds({ context: { requiredPatterns: ctx.context.requiredPatterns ?? [] }, profile: ctx.profile }));
    const callees = ctx.nodes('call').map((c) => calleeText(c));
    const decorators = ctx.nodes('decorator').map((d) => d.text.replace(/^@\s*/, '').replace(/\(.*$/s, ''));
    const anchor = ctx.wrapper?.childForFieldName('body') ?? ctx.root;
    for (const id of expected) {
      const pattern = ctx.profile.patterns[id];
      if (!pattern) {
        ctx.report(anchor, `expected pattern "${id}" is not in profile ${ctx.profile.id}: nothing to check it against`, 'info');
        continue;
      }
      const calls = pattern.calls.map(globToRegExp);
      const decos = pattern.decorators.map(globToRegExp);
      const used = callees.some((c) => calls.some((r) => r.test(c))) || decorators.some((d) => decos.some((r) => r.test(d)));
      if (used) continue;
      if (required.has(id)) ctx.report(anchor, `required pattern "${id}" (${pattern.description}) is not used: ${pattern.hint}`, 'error');
      else ctx.report(anchor, `expected pattern "${id}" (${pattern.description}) is not used: ${pattern.hint}`);
    }
  },
};
