// Per arm (strategy × model): pass@1 and pass@k on the examples with intervals, the static-pass
// rate, and attempts, tokens, cost and latency per method; then the arms compared pairwise.
import { bootstrapInterval } from '../stats/bootstrap.js';
import { compareArms, type Comparison, type ComparisonTest } from '../stats/compare.js';
import { meanPassAtK } from '../stats/pass-at-k.js';
import { wilsonInterval, type Interval } from '../stats/wilson.js';
import { armOf, samplePassed, taskOf, type EvalSample } from './sample.js';

export interface Estimate extends Interval {
  value: number;
}

export interface ArmSummary {
  arm: string;
  strategy: string;
  model: string;
  /** example-bearing tasks (method of a spec) and their samples */
  tasks: number;
  samples: number;
  /** smallest number of samples any task has: the k of pass@k */
  k: number;
  passAt1: Estimate;
  /** undefined when k is 1 (then pass@k is pass@1) */
  passAtK?: Estimate & { k: number };
  /** over every generated method, example-bearing or not */
  staticPass: Estimate & { passed: number; methods: number };
  /** example-bearing samples that ran no example (no Python) */
  unchecked: number;
  perMethod: { attempts: number; tokens: number; costMicroUsd: number; latencyMs: number; latencyP50Ms: number };
  totals: { tokens: number; costMicroUsd: number };
}

export interface EvalSummary {
  arms: ArmSummary[];
  comparisons: Comparison[];
  test: ComparisonTest;
  confidence: number;
  alpha: number;
}

export interface SummarizeOptions {
  confidence?: number;
  alpha?: number;
  seed?: number;
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const mean = (values: readonly number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);

/** [samples, passes] per example-bearing task. */
function taskCounts(samples: readonly EvalSample[]): Map<string, [number, number]> {
  const tasks = new Map<string, [number, number]>();
  for (const s of samples) {
    if (s.examples === 0) continue;
    const t = tasks.get(taskOf(s)) ?? [0, 0];
    t[0]++;
    if (samplePassed(s)) t[1]++;
    tasks.set(taskOf(s), t);
  }
  return tasks;
}

export function summarizeArm(samples: readonly EvalSample[], options: SummarizeOptions = {}): ArmSummary {
  const confidence = options.confidence ?? 0.95;
  const first = samples[0];
  if (!first) throw new Error('summarizeArm: no samples');
  const tasks = taskCounts(samples);
  const counts = [...tasks.values()];
  const k = counts.length ? Math.min(...counts.map(([n]) => n)) : 1;
  const passes = counts.reduce((s, [, c]) => s + c, 0);
  const trials = counts.reduce((s, [n]) => s + n, 0);
  const seed = options.seed ?? 42;
  // one sample per task: independent trials, Wilson; several: resample whole tasks
  const passAt1: Estimate =
    k === 1 && counts.every(([n]) => n === 1)
      ? { value: trials ? passes / trials : 0, ...wilsonInterval(passes, trials, confidence) }
      : { value: meanPassAtK(counts, 1), ...bootstrapInterval(counts, (x) => meanPassAtK(x, 1), { confidence, seed }) };
  const passAtK = k > 1 ? { k, value: meanPassAtK(counts, k), ...bootstrapInterval(counts, (x) => meanPassAtK(x, k), { confidence, seed }) } : undefined;
  const staticPassed = samples.filter((s) => s.staticPassed).length;
  const tokens = samples.map((s) => s.tokensInput + s.tokensOutput);
  const cost = samples.map((s) => s.costMicroUsd);
  return {
    arm: armOf(first),
    strategy: first.strategy,
    model: first.model,
    tasks: tasks.size,
    samples: trials,
    k,
    passAt1,
    ...(passAtK ? { passAtK } : {}),
    staticPass: { value: staticPassed / samples.length, passed: staticPassed, methods: samples.length, ...wilsonInterval(staticPassed, samples.length, confidence) },
    unchecked: samples.filter((s) => s.examples > 0 && s.verdict === 'unchecked').length,
    perMethod: {
      attempts: mean(samples.map((s) => s.attempts)),
      tokens: mean(tokens),
      costMicroUsd: mean(cost),
      latencyMs: mean(samples.map((s) => s.latencyMs)),
      latencyP50Ms: median(samples.map((s) => s.latencyMs)),
    },
    totals: { tokens: tokens.reduce((a, b) => a + b, 0), costMicroUsd: cost.reduce((a, b) => a + b, 0) },
  };
}

/** Groups samples by arm (first-seen order), summarizes each and compares every pair on pass@1. */
export function summarize(samples: readonly EvalSample[], options: SummarizeOptions = {}): EvalSummary {
  const alpha = options.alpha ?? 0.05;
  const confidence = options.confidence ?? 0.95;
  const byArm = new Map<string, EvalSample[]>();
  for (const s of samples) byArm.set(armOf(s), [...(byArm.get(armOf(s)) ?? []), s]);
  const arms = [...byArm.values()].map((group) => summarizeArm(group, options));
  const repeated = [...byArm.values()].some((group) => [...taskCounts(group).values()].some(([n]) => n > 1));
  const test: ComparisonTest = repeated ? 'paired-permutation' : 'fisher-exact';
  const comparisons = compareArms(
    [...byArm.entries()].map(([label, group]) => {
      const counts = taskCounts(group);
      const passes = [...counts.values()].reduce((s, [, c]) => s + c, 0);
      const trials = [...counts.values()].reduce((s, [n]) => s + n, 0);
      return { label, passes, trials, perTask: new Map([...counts].map(([t, [n, c]]) => [t, c / n])) };
    }),
    { alpha, test },
  );
  return { arms, comparisons, test, confidence, alpha };
}
