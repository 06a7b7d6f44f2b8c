// Several api/* rules read one pass over the tree (calls, attributes): the pass runs once per tree
// and each rule reports the findings that carry its id.
import { memoKey, type SyntaxNode as Node } from '../../parser/mirror/syntax-node.js';
import { memo } from '../tree/nodes.js';
import type { Rule, RuleContext } from '../rule.js';

export interface Finding {
  rule: string;
  at: Node;
  message: string;
}

export function memoPass(pass: (ctx: RuleContext) => Finding[]): (ctx: RuleContext) => Finding[] {
  const cache = memoKey<Map<number, Finding[]>>('api pass findings');
  return (ctx) => memo(cache, ctx.root, () => pass(ctx));
}

export function passRule(id: string, severity: Rule['severity'], summary: string, findings: (ctx: RuleContext) => Finding[]): Rule {
  return {
    id,
    category: 'compliance',
    severity,
    summary,
    check(ctx) {
      for (const f of findings(ctx)) if (f.rule === id) ctx.report(f.at, f.message);
    },
  };
}
