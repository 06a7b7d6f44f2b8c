// Runs a table of rule cases: `bad` must raise the rule on `line`, `good` must not raise it.
import { beforeAll, describe, expect, test } from '@jest/globals';
import { createValidator, type ValidationContext, type Validator } from '../src/index.js';

export interface RuleCase {
  name: string;
  rule: string;
  bad: string;
  line: number;
  good: string;
  context?: ValidationContext;
  profile?: string;
}

export function describeRuleCases(title: string, cases: RuleCase[]): void {
  const validators = new Map<string, Validator>();
  beforeAll(async () => {
    for (const p of new Set(cases.map((c) => c.profile ?? 'onex-v2'))) validators.set(p, await createValidator({ profile: p }));
  });
  const hits = (c: RuleCase, code: string) =>
    validators
      .get(c.profile ?? 'onex-v2')!
      .validate(code, c.context)
      .issues.filter((i) => i.ruleId === c.rule);

  describe(title, () => {
    test.each(cases.map((c) => [c.rule, c.name, c] as const))('%s flags: %s', (_r, _n, c) => {
      const found = hits(c, c.bad);
      expect(found.map((i) => i.line)).toContain(c.line);
      for (const i of found) expect(i.message.length).toBeGreaterThan(20);
    });
    test.each(cases.map((c) => [c.rule, c.name, c] as const))('%s accepts: %s', (_r, _n, c) => {
      expect(hits(c, c.good)).toEqual([]);
    });
  });
}
