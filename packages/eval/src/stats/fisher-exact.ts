// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- jstat ships no types; a reference (not tsconfig) makes them visible to every project compiling this source
/// <reference path="./jstat.d.ts" />
// Fisher's exact test on a 2x2 table (passes and failures of two arms): the probability, with the
// margins fixed, of a table at most as likely as the one observed (two-sided, as R's fisher.test).
// Exact at any size, so a suite of 20 tasks gets an honest p-value where a z-test would not.
import jstat from 'jstat';

/** Two-sided p-value for [[aPass, aFail], [bPass, bFail]]. */
export function fisherExactTwoSided(aPass: number, aFail: number, bPass: number, bFail: number): number {
  for (const v of [aPass, aFail, bPass, bFail]) {
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`fisherExactTwoSided: counts must be non-negative integers (got ${[aPass, aFail, bPass, bFail].join(', ')})`);
  }
  const total = aPass + aFail + bPass + bFail;
  const passes = aPass + bPass;
  const aTotal = aPass + aFail;
  if (total === 0 || passes === 0 || passes === total || aTotal === 0 || aTotal === total) return 1;
  const pmf = (k: number) => jstat.jStat.hypgeom.pdf(k, total, passes, aTotal);
  const observed = pmf(aPass);
  const lo = Math.max(0, aTotal - (total - passes));
  const hi = Math.min(aTotal, passes);
  let p = 0;
  // relative tolerance as R uses, so tables equally likely up to rounding count as "as extreme"
  for (let k = lo; k <= hi; k++) {
    const q = pmf(k);
    if (q <= observed * (1 + 1e-7)) p += q;
  }
  return Math.min(1, p);
}
