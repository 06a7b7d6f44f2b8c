import { describe, expect, it } from '@jest/globals';
import { examplesOf, expectsRaise, methodExamplesSchema, NodeSpecSchema } from '@onexgen/onex';
import { signatureParams } from '../src/spec/signature-params.js';

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

describe('examples in a node spec', () => {
  const base = { name: 'prices', node_type: 'compute', description: 'd' };

  it('go on methods and operations, and examplesOf finds them', () => {
    const spec = NodeSpecSchema.parse({
      ...base,
      operations: [{ name: 'total', examples: [{ given: { input_data: { items: [] } }, expect: { total: 0 } }] }],
      methods: [{ name: 'round_money', signature: 'def round_money(self, amount: float, places: int = 2) -> float', examples: [{ given: { amount: 2.675, places: 2 }, expect: 2.68 }] }],
    });
    expect(examplesOf(spec, 'total')).toHaveLength(1);
    expect(examplesOf(spec, 'round_money')[0]).toMatchObject({ expect: 2.68 });
    expect(examplesOf(spec, 'other')).toEqual([]);
  });

  it('a given key that is not a parameter is refused, naming the path', () => {
    const r = NodeSpecSchema.safeParse({
      ...base,
      methods: [{ name: 'round_money', signature: 'def round_money(self, amount: float, places: dict[str, int] = {}) -> float', examples: [{ given: { amount: 1, digits: 2 }, expect: 1 }] }],
      operations: [{ name: 'total', examples: [{ given: { items: [] }, expect: 0 }] }],
    });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['methods.0.examples.0.given.digits', 'operations.0.examples.0.given.items']));
  });

  it('signatureParams reads names past nested brackets and defaults', () => {
    expect(signatureParams('async def f(self, a: dict[str, tuple[int, int]], b: str = "x,y", *args, **kwargs) -> None:')).toEqual(['a', 'b', 'args', 'kwargs']);
  });
});
