import { describe, expect, it } from '@jest/globals';
import { methodExamplesSchema, expectsRaise } from '@onexgen/onex';

describe('method examples', () => {
  it('accepts expect and raises forms and tells them apart', () => {
    const parsed = methodExamplesSchema.parse([
      { given: { amount: 10.5 }, expect: 10 },
      { given: { amount: -1 }, raises: 'INVALID_INPUT' },
    ]);
    expect(parsed.map(expectsRaise)).toEqual([false, true]);
  });

  it('names the path of a bad example', () => {
    const r = methodExamplesSchema.safeParse([{ given: { 'not an id': 1 }, expect: 1 }]);
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain('must be a Python identifier');
  });

  it('refuses an example with neither expect nor raises', () => {
    expect(methodExamplesSchema.safeParse([{ given: {} }]).success).toBe(false);
  });
});
