// Pairwise comparison of pass rates with an honest verdict: a winner is named only when the test
// says so at `alpha` after Holm's correction for the number of pairs compared; otherwise
// "no significant difference". The same function compares eval strategies and prompt versions.
import { fisherExactTwoSided } from './fisher-exact.js';
import { pairedPermutationPValue } from './paired-permutation.js';

export interface ProportionArm {
  label: string;
  passes: number;
  trials: number;
  /** pass rate per task id: needed by the paired test */
  perTask?: ReadonlyMap<string, number>;
}

export type ComparisonTest = 'fisher-exact' | 'paired-permutation';

export interface Comparison {
  a: string;
  b: string;
  rateA: number;
  rateB: number;
  /** rateA - rateB */
  difference: number;
  test: ComparisonTest;
  pValue: number;
  /** Holm-adjusted over all pairs of this comparison */
  adjustedP: number;
  alpha: number;
  significant: boolean;
  /** the better arm, only when significant */
  winner?: string;
  /** e.g. `no significant difference (55.0% vs 50.0%, p=0.76, Fisher exact)` */
  verdict: string;
  /** tasks both arms ran (paired test) */
  pairedTasks?: number;
}

export interface CompareOptions {
  alpha?: number;
  test?: ComparisonTest;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const fmtP = (p: number) => (p < 0.001 ? 'p<0.001' : `p=${p.toFixed(3)}`);
const TEST_NAMES: Record<ComparisonTest, string> = { 'fisher-exact': 'Fisher exact', 'paired-permutation': 'paired permutation over tasks' };

function rawP(a: ProportionArm, b: ProportionArm, test: ComparisonTest): { p: number; paired?: number } {
  if (test === 'fisher-exact') return { p: fisherExactTwoSided(a.passes, a.trials - a.passes, b.passes, b.trials - b.passes) };
  if (!a.perTask || !b.perTask) throw new Error(`paired-permutation needs per-task pass rates for "${a.label}" and "${b.label}"`);
  const shared = [...a.perTask.keys()].filter((t) => b.perTask!.has(t));
  return { p: pairedPermutationPValue(shared.map((t) => a.perTask!.get(t)! - b.perTask!.get(t)!)), paired: shared.length };
}

/** Every pair of arms (in the order given), Holm-corrected. */
export function compareArms(arms: readonly ProportionArm[], options: CompareOptions = {}): Comparison[] {
  const alpha = options.alpha ?? 0.05;
  const test = options.test ?? 'fisher-exact';
  const pairs: Omit<Comparison, 'adjustedP' | 'significant' | 'verdict' | 'winner'>[] = [];
  for (let i = 0; i < arms.length; i++) {
    for (let j = i + 1; j < arms.length; j++) {
      const a = arms[i]!;
      const b = arms[j]!;
      const rateA = a.trials ? a.passes / a.trials : 0;
      const rateB = b.trials ? b.passes / b.trials : 0;
      const { p, paired } = rawP(a, b, test);
      pairs.push({ a: a.label, b: b.label, rateA, rateB, difference: rateA - rateB, test, pValue: p, alpha, ...(paired !== undefined ? { pairedTasks: paired } : {}) });
    }
  }
  const adjusted = holm(pairs.map((p) => p.pValue));
  return pairs.map((pair, i) => {
    const adjustedP = adjusted[i]!;
    const significant = adjustedP < alpha && pair.difference !== 0;
    const winner = significant ? (pair.difference > 0 ? pair.a : pair.b) : undefined;
    const numbers = `${pct(pair.rateA)} vs ${pct(pair.rateB)}, ${fmtP(adjustedP)}, ${TEST_NAMES[test]}${pairs.length > 1 ? ', Holm-adjusted' : ''}`;
    const verdict = winner ? `${winner} passes more (${numbers})` : `no significant difference (${numbers})`;
    return { ...pair, adjustedP, significant, ...(winner ? { winner } : {}), verdict };
  });
}

/** Holm–Bonferroni step-down adjusted p-values, in the input order. */
export function holm(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((x, y) => x.p - y.p);
  const out = new Array<number>(m);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    out[i] = running;
  });
  return out;
}
