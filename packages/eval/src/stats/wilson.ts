// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- jstat ships no types; a reference (not tsconfig) makes them visible to every project compiling this source
/// <reference path="./jstat.d.ts" />
// Wilson score interval for a binomial proportion: unlike the normal ("Wald") interval it stays
// inside [0, 1] and keeps its coverage at 0 or n successes, which small eval suites hit often.
import jstat from 'jstat';

export interface Interval {
  low: number;
  high: number;
  /** how it was computed */
  method: 'wilson' | 'bootstrap';
  confidence: number;
}

/** z for a two-sided interval of this confidence (1.959964 for 0.95). */
export function zFor(confidence: number): number {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  return jstat.jStat.normal.inv(1 - (1 - confidence) / 2, 0, 1);
}

export function wilsonInterval(successes: number, trials: number, confidence = 0.95): Interval {
  if (trials === 0) return { low: 0, high: 1, method: 'wilson', confidence };
  if (successes < 0 || successes > trials) throw new RangeError(`wilsonInterval: ${successes} successes of ${trials} trials`);
  const z = zFor(confidence);
  const p = successes / trials;
  const z2n = (z * z) / trials;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / trials + z2n / (4 * trials));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half), method: 'wilson', confidence };
}
