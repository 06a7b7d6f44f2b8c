// A paired sign-flip permutation test over tasks: for tasks both arms ran, d_i is arm A's pass
// rate on task i minus arm B's. Under "no difference" each d_i is as likely to carry either sign,
// so the p-value is the share of sign assignments whose |mean| reaches the observed one. Exact
// (all 2^n assignments) up to 16 tasks with a non-zero difference, else 20,000 seeded draws.
// Used with --repeat > 1, where a task's samples are not independent trials (Fisher's test would
// count them as such and overstate significance).
import { unsafeUniformIntDistribution, xoroshiro128plus } from 'pure-rand';

export function pairedPermutationPValue(differences: readonly number[], options: { seed?: number; draws?: number } = {}): number {
  const d = differences.filter((x) => x !== 0);
  if (d.length === 0) return 1;
  const observed = Math.abs(d.reduce((s, x) => s + x, 0));
  const eps = 1e-12;
  if (d.length <= 16) {
    let extreme = 0;
    const total = 1 << d.length;
    for (let mask = 0; mask < total; mask++) {
      let sum = 0;
      for (let i = 0; i < d.length; i++) sum += mask & (1 << i) ? -d[i]! : d[i]!;
      if (Math.abs(sum) >= observed - eps) extreme++;
    }
    return extreme / total;
  }
  const draws = options.draws ?? 20_000;
  const rng = xoroshiro128plus(options.seed ?? 42);
  let extreme = 0;
  for (let r = 0; r < draws; r++) {
    let sum = 0;
    for (const x of d) sum += unsafeUniformIntDistribution(0, 1, rng) ? -x : x;
    if (Math.abs(sum) >= observed - eps) extreme++;
  }
  // the observed assignment counts as one of the draws (never a p-value of 0)
  return (extreme + 1) / (draws + 1);
}
