// Percentile bootstrap over tasks, seeded so a report is reproducible. Used where samples are not
// independent trials (several samples of one task with --repeat): resampling whole tasks keeps a
// task's samples together, so the interval is not narrowed by counting one task k times.
import { unsafeUniformIntDistribution, xoroshiro128plus } from 'pure-rand';
import type { Interval } from './wilson.js';

export interface BootstrapOptions {
  resamples?: number;
  confidence?: number;
  seed?: number;
}

export function bootstrapInterval<T>(items: readonly T[], statistic: (sample: readonly T[]) => number, options: BootstrapOptions = {}): Interval {
  const resamples = options.resamples ?? 2000;
  const confidence = options.confidence ?? 0.95;
  if (items.length === 0) return { low: 0, high: 1, method: 'bootstrap', confidence };
  const rng = xoroshiro128plus(options.seed ?? 42);
  const stats: number[] = [];
  const sample: T[] = new Array(items.length);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < items.length; i++) sample[i] = items[unsafeUniformIntDistribution(0, items.length - 1, rng)]!;
    stats.push(statistic(sample));
  }
  stats.sort((a, b) => a - b);
  const at = (q: number) => stats[Math.min(stats.length - 1, Math.max(0, Math.floor(q * stats.length)))]!;
  const tail = (1 - confidence) / 2;
  return { low: at(tail), high: at(1 - tail), method: 'bootstrap', confidence };
}
