// Prompt experiments: the split is stable and follows the weights; the comparison of recorded arms
// names a winner only when Fisher's exact test over methods says so (p-values computed
// independently in Python with math.comb / hashlib, noted beside each).
import { describe, expect, test } from '@jest/globals';
import type { ArmOutcomes } from '@onexgen/metrics';
import { assignArm, compareRecordedArms, experimentSchema, experimentsSchema, methodIdentity, renderRecordedArmsText } from '@onexgen/eval';

const terse = experimentSchema.parse({ name: 'terse', arms: [{ name: 'control' }, { name: 'short', templates: 'prompts/short' }] });

describe('assignArm', () => {
  test('a method always gets the same arm, pinned to an independent SHA-256 computation', () => {
    // Python: int.from_bytes(sha256(b"terse\0invoice_tax.compute_tax").digest()[:6], "big") / 2**48 → arm 0 of [1,1], arm 1 of [1,3]
    const id = methodIdentity('invoice_tax', 'compute_tax');
    expect(assignArm(terse, id).label).toBe('terse/control');
    expect(assignArm(terse, id)).toEqual(assignArm(experimentSchema.parse({ name: 'terse', arms: [{ name: 'control' }, { name: 'short', templates: 'elsewhere' }] }), id));
    const weighted = experimentSchema.parse({ name: 'terse', arms: [{ name: 'control' }, { name: 'short', weight: 3 }] });
    expect(assignArm(weighted, id).arm.name).toBe('short');
  });

  test('equal weights split 2000 methods near half and half; 1:3 near a quarter', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => methodIdentity(`node_${i % 97}`, `method_${i}`));
    const control = ids.filter((id) => assignArm(terse, id).arm.name === 'control').length;
    // binomial(2000, 0.5): sd 22.4; 4.5 sd either side
    expect(control).toBeGreaterThan(900);
    expect(control).toBeLessThan(1100);
    const weighted = experimentSchema.parse({ name: 'terse', arms: [{ name: 'control' }, { name: 'short', weight: 3 }] });
    const quarter = ids.filter((id) => assignArm(weighted, id).arm.name === 'control').length;
    expect(quarter).toBeGreaterThan(410); // 500 ± 4.5 × 19.4
    expect(quarter).toBeLessThan(590);
  });

  test('bad experiments are refused naming the field', () => {
    const issues = (r: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) => r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues(experimentSchema.safeParse({ name: 'x', arms: [{ name: 'a' }] }))).toEqual(['arms: an experiment needs at least two arms']);
    expect(issues(experimentSchema.safeParse({ name: 'x', arms: [{ name: 'a' }, { name: 'a' }] }))).toEqual(['arms.1.name: duplicate arm "a"']);
    expect(issues(experimentSchema.safeParse({ name: 'x y', arms: [{ name: 'a' }, { name: 'b' }] }))?.[0]).toMatch(/^name: must be a short name/);
    const two = [terse, { ...terse, name: 'other' }];
    expect(issues(experimentsSchema.safeParse(two))?.[0]).toMatch(/only one experiment can run at a time \(enabled: terse, other\)/);
    expect(experimentsSchema.parse([terse, { ...terse, name: 'other', enabled: false }])).toHaveLength(2);
  });
});

function group(key: string | null, methodPasses: number, methods: number, generationsPerMethod = 1): ArmOutcomes {
  const n = methods * generationsPerMethod;
  return {
    key,
    generations: { count: n, tokens: { input: 100 * n, output: 50 * n, total: 150 * n }, costMicroUsd: 1000 * n, latencyMs: { p50: 1, p95: 1, p99: 1, mean: 1, max: 1 }, rates: { syntaxValid: 1, onexCompliant: 1, validationPassed: 1, hasTypeHints: 1, fallback: 0, truncated: 0 }, qualityScoreMean: 1, attemptsMean: 1.5 },
    passes: methodPasses * generationsPerMethod,
    methods: Array.from({ length: methods }, (_, i) => ({ serviceName: 's', methodName: `m${i}`, passed: i < methodPasses, generations: generationsPerMethod, passes: i < methodPasses ? generationsPerMethod : 0 })),
  };
}

describe('compareRecordedArms', () => {
  test('18/20 against 6/20 methods: significant, the winner named (Fisher p = 0.000244)', () => {
    const c = compareRecordedArms('experimentArm', [group('terse/control', 6, 20), group('terse/short', 18, 20), group(null, 1, 1)]);
    expect(c.comparisons).toHaveLength(1); // (none) is shown, never compared
    const [x] = c.comparisons;
    expect(x!.pValue).toBeCloseTo(0.00024436, 7);
    expect(x!.winner).toBe('terse/short');
    expect(c.arms.map((a) => a.label)).toEqual(['terse/control', 'terse/short', '(none)']);
    expect(renderRecordedArmsText(c)).toContain('terse/short passes more (30.0% vs 90.0%, p<0.001, Fisher exact)');
  });

  test('11/20 against 9/20: no significant difference (p = 0.752); repeated generations do not shrink p', () => {
    // each method generated 10 times: 200 generations per arm, but the test still counts 20 methods
    const c = compareRecordedArms('promptVersion', [group('default@aaa', 11, 20, 10), group('short@bbb', 9, 20, 10)]);
    const [x] = c.comparisons;
    expect(x!.pValue).toBeCloseTo(0.752371, 5);
    expect(x!.significant).toBe(false);
    expect(x!.winner).toBeUndefined();
    const arm = c.arms[0]!;
    expect(arm).toMatchObject({ generations: 200, methods: 20, methodPasses: 11, attemptsMean: 1.5, tokensPerGeneration: 150, costMicroUsdPerGeneration: 1000, costMicroUsd: 200_000 });
    expect(arm.generationPassRate).toBeCloseTo(0.55, 12);
    const text = renderRecordedArmsText(c);
    expect(text).toContain('Generations by prompt version');
    expect(text).toContain('no significant difference (55.0% vs 45.0%, p=0.752, Fisher exact)');
  });
});
