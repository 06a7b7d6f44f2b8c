// `onexgen metrics --by prompt-version|arm`: the recorded generations per prompt version or
// experiment arm, with the same honest comparison an eval uses. The unit of the test is a method
// (its latest generation in the window), because a method generated ten times under one arm is not
// ten independent trials; the generation-level pass rate is shown beside it.
import type { ArmDimension, ArmOutcomes } from '@onexgen/metrics';
import { compareArms, type Comparison } from '../stats/compare.js';
import { wilsonInterval, type Interval } from '../stats/wilson.js';

export interface RecordedArm {
  /** the prompt version or `experiment/arm`; `(none)` for generations recorded without one */
  label: string;
  generations: number;
  /** generations that passed, over all generations */
  generationPassRate: number | null;
  methods: number;
  methodPasses: number;
  /** methods whose latest generation passed, with a Wilson interval */
  methodPassRate: { value: number | null } & Interval;
  attemptsMean: number | null;
  tokensPerGeneration: number | null;
  costMicroUsdPerGeneration: number | null;
  costMicroUsd: number;
}

export interface RecordedComparison {
  by: ArmDimension;
  arms: RecordedArm[];
  /** every pair of labelled arms (not `(none)`), Fisher exact over methods, Holm-adjusted */
  comparisons: Comparison[];
  alpha: number;
}

export const UNLABELLED = '(none)';

export function compareRecordedArms(by: ArmDimension, groups: readonly ArmOutcomes[], options: { alpha?: number; confidence?: number } = {}): RecordedComparison {
  const alpha = options.alpha ?? 0.05;
  const arms = groups.map((g): RecordedArm => {
    const n = g.generations.count;
    const methodPasses = g.methods.filter((m) => m.passed).length;
    return {
      label: g.key ?? UNLABELLED,
      generations: n,
      generationPassRate: n ? g.passes / n : null,
      methods: g.methods.length,
      methodPasses,
      methodPassRate: { value: g.methods.length ? methodPasses / g.methods.length : null, ...wilsonInterval(methodPasses, g.methods.length, options.confidence ?? 0.95) },
      attemptsMean: g.generations.attemptsMean,
      tokensPerGeneration: n ? g.generations.tokens.total / n : null,
      costMicroUsdPerGeneration: n ? g.generations.costMicroUsd / n : null,
      costMicroUsd: g.generations.costMicroUsd,
    };
  });
  const compared = arms.filter((a) => a.label !== UNLABELLED && a.methods > 0);
  const comparisons = compareArms(
    compared.map((a) => ({ label: a.label, passes: a.methodPasses, trials: a.methods })),
    { alpha, test: 'fisher-exact' },
  );
  return { by, arms, comparisons, alpha };
}
