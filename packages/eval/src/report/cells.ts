// The row of figures each report shows per arm, formatted once for text and HTML alike.
import { formatMicroUsd, formatMs, formatPercent } from '@onexgen/metrics';
import type { ArmSummary, Estimate } from '../run/summarize.js';

export const withInterval = (e: Estimate): string => `${formatPercent(e.value)} [${formatPercent(e.low)}–${formatPercent(e.high)}]`;

export const ARM_HEAD = ['strategy', 'model', 'tasks', 'samples', 'pass@1 [95% CI]', 'pass@k [95% CI]', 'static pass', 'attempts/method', 'tokens/method', 'cost/method', 'latency/method (mean, p50)'];

export function armCells(a: ArmSummary): string[] {
  return [
    a.strategy,
    a.model,
    String(a.tasks),
    String(a.samples),
    withInterval(a.passAt1),
    a.passAtK ? `k=${a.passAtK.k}: ${withInterval(a.passAtK)}` : '–',
    `${withInterval(a.staticPass)} (${a.staticPass.passed}/${a.staticPass.methods})`,
    a.perMethod.attempts.toFixed(2),
    Math.round(a.perMethod.tokens).toLocaleString('en-US'),
    formatMicroUsd(a.perMethod.costMicroUsd),
    `${formatMs(a.perMethod.latencyMs)}, ${formatMs(a.perMethod.latencyP50Ms)}`,
  ];
}

export function intervalNote(arms: readonly ArmSummary[], confidence: number): string {
  const methods = new Set(arms.map((a) => a.passAt1.method));
  const how = methods.has('bootstrap')
    ? 'pass@1 and pass@k intervals: percentile bootstrap over tasks (2000 resamples, seed 42)'
    : 'pass@1 interval: Wilson score';
  return `${Math.round(confidence * 100)}% intervals; ${how}; static pass: Wilson score. pass@k: unbiased estimator (Chen et al. 2021).`;
}
