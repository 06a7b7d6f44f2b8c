// The statistics against values computed by hand (or by an independent Python computation with
// math.comb, noted beside each), so a wrong formula cannot pass.
import { describe, expect, test } from '@jest/globals';
import { bootstrapInterval, compareArms, fisherExactTwoSided, holm, pairedPermutationPValue, passAtK, wilsonInterval } from '@onexgen/eval';
import { meanPassAtK } from '../src/stats/pass-at-k.js';

describe('pass@k (Chen et al. 2021)', () => {
  test('1 - C(n-c, k) / C(n, k)', () => {
    expect(passAtK(5, 2, 1)).toBeCloseTo(0.4, 12); // c/n
    expect(passAtK(5, 2, 2)).toBeCloseTo(1 - 3 / 10, 12); // C(3,2)=3, C(5,2)=10
    expect(passAtK(10, 3, 5)).toBeCloseTo(1 - 21 / 252, 12); // C(7,5)=21, C(10,5)=252
    expect(passAtK(5, 0, 3)).toBe(0);
    expect(passAtK(5, 3, 3)).toBe(1); // fewer failures than draws
    expect(meanPassAtK([[5, 2], [5, 5]], 1)).toBeCloseTo(0.7, 12);
  });
  test('rejects impossible counts, naming them', () => {
    expect(() => passAtK(3, 4, 1)).toThrow(/c <= n/);
    expect(() => passAtK(3, 1, 4)).toThrow(/exceeds the samples/);
  });
});

describe('Wilson score interval', () => {
  test('8 of 10 at 95%: [0.4902, 0.9433]', () => {
    const i = wilsonInterval(8, 10);
    expect(i.low).toBeCloseTo(0.490167, 5);
    expect(i.high).toBeCloseTo(0.94332, 4);
  });
  test('0 of 20 stays inside [0, 1] with a non-zero upper bound', () => {
    const i = wilsonInterval(0, 20);
    expect(i.low).toBe(0);
    expect(i.high).toBeCloseTo(0.161125, 5); // z²/(n+z²) = 3.841459/23.841459
  });
});

describe("Fisher's exact test, two-sided", () => {
  test('matches the hypergeometric sums', () => {
    expect(fisherExactTwoSided(3, 1, 1, 3)).toBeCloseTo(0.485714, 6); // the lady tasting tea
    expect(fisherExactTwoSided(1, 9, 11, 3)).toBeCloseTo(0.0027595, 6);
    expect(fisherExactTwoSided(8, 2, 3, 7)).toBeCloseTo(0.0697785, 6);
    expect(fisherExactTwoSided(9, 1, 2, 8)).toBeCloseTo(0.0054775, 6);
    expect(fisherExactTwoSided(6, 4, 5, 5)).toBeCloseTo(1, 9);
    expect(fisherExactTwoSided(0, 0, 3, 3)).toBe(1);
  });
});

describe('paired permutation over tasks', () => {
  test('exact enumeration: 5 tasks all favouring A give 2/32', () => {
    expect(pairedPermutationPValue([1, 1, 1, 1, 1])).toBeCloseTo(2 / 32, 12);
    // ties carry no information and are dropped: 3 non-zero → 2/8
    expect(pairedPermutationPValue([1, 0, 1, 0, 1])).toBeCloseTo(2 / 8, 12);
    expect(pairedPermutationPValue([0, 0])).toBe(1);
  });
  test('sampled above 16 tasks: 20 tasks all one way is far below 0.05', () => {
    expect(pairedPermutationPValue(new Array(20).fill(0.5))).toBeLessThan(0.001);
  });
});

describe('Holm correction and the verdict', () => {
  test('step-down adjusted p-values', () => {
    const adjusted = holm([0.01, 0.04, 0.03]);
    expect(adjusted[0]).toBeCloseTo(0.03, 12);
    expect(adjusted[1]).toBeCloseTo(0.06, 12);
    expect(adjusted[2]).toBeCloseTo(0.06, 12);
  });
  test('8/10 against 3/10 is not significant at 0.05; 9/10 against 2/10 is, and names the winner', () => {
    const [close] = compareArms([
      { label: 'a', passes: 8, trials: 10 },
      { label: 'b', passes: 3, trials: 10 },
    ]);
    expect(close).toMatchObject({ significant: false, test: 'fisher-exact' });
    expect(close!.winner).toBeUndefined();
    expect(close!.verdict).toBe('no significant difference (80.0% vs 30.0%, p=0.070, Fisher exact)');
    const [clear] = compareArms([
      { label: 'a', passes: 2, trials: 10 },
      { label: 'b', passes: 9, trials: 10 },
    ]);
    expect(clear).toMatchObject({ significant: true, winner: 'b' });
    expect(clear!.verdict).toBe('b passes more (20.0% vs 90.0%, p=0.005, Fisher exact)');
  });
});

describe('bootstrap over tasks', () => {
  test('seeded: the same interval twice, containing the estimate, narrower with more tasks', () => {
    const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const few = [1, 0, 1, 1, 0, 1, 0, 1];
    const a = bootstrapInterval(few, mean);
    expect(bootstrapInterval(few, mean)).toEqual(a);
    expect(a.low).toBeLessThanOrEqual(mean(few));
    expect(a.high).toBeGreaterThanOrEqual(mean(few));
    const many = bootstrapInterval(Array.from({ length: 20 }, () => few).flat(), mean);
    expect(many.high - many.low).toBeLessThan(a.high - a.low);
  });
});
