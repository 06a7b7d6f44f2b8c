// The prompts of the extra passes: the plan prompt keeps the code prompt's context and asks for
// JSON naming each example; the plan lands in the code prompt; the review shows numbered lines.
import { describe, expect, test } from '@jest/globals';
import { planAddition, planPrompt, reviewPrompt } from '@onexgen/context-builder';

const examples = [
  { name: 'a year', given: { principal_cents: 100000, months: 12 }, expect: 8885 },
  { given: { principal_cents: 1000, months: 0 }, raises: 'INVALID_INPUT' },
];

describe('pass prompts', () => {
  test('plan: the same system and context, then the plan question with each example', () => {
    const p = planPrompt({ messages: { system: 'SYS', user: 'CONTEXT' }, methodName: 'pay', examples });
    expect(p.system).toBe('SYS');
    expect(p.user.startsWith('CONTEXT\n\n# Plan First (pass 1 of 2)\n')).toBe(true);
    expect(p.user).toContain('  - a year: pay(principal_cents=100000, months=12) returns 8885\n');
    expect(p.user).toContain('  - pay(principal_cents=1000, months=0) raises INVALID_INPUT\n');
    expect(planPrompt({ messages: { system: 'S', user: 'U' }, methodName: 'pay' }).user).toContain('leave empty (the spec gives none)');
  });

  test('the plan as a code prompt addition', () => {
    expect(planAddition('Steps:\n1. check')).toBe('# Plan (from pass 1)\nWrite the code from this plan. Follow its steps and handle every edge case it lists.\n\nSteps:\n1. check\n');
  });

  test('review: node type in the system text, numbered body lines, the answer shape', () => {
    const r = reviewPrompt({ nodeType: 'compute', methodName: 'pay', signature: 'def pay(self, principal_cents: int, months: int) -> int', docstring: 'Monthly payment.', examples, code: '        if months < 1:\n            raise ValueError()\n        return 1\n' });
    expect(r.system).toContain('ONEX v2.0 compute node');
    expect(r.user).toContain('```python\n1|         if months < 1:\n2|             raise ValueError()\n3|         return 1\n```');
    expect(r.user).toContain('- a year: pay(principal_cents=100000, months=12) returns 8885');
    expect(r.user).toContain('{"verdict": "approve" | "reject"');
  });
});
