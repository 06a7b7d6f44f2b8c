// Confidence in a pattern from its recorded uses: a Beta posterior over its success rate.
//
// Why Beta and not the Wilson lower bound: each use yields a fractional outcome (the validation
// quality score when it passed, 0 when it failed), which a Beta posterior absorbs directly as
// pseudo-counts; with a uniform prior Beta(1, 1) a pattern with no evidence sits at exactly 0.5,
// which leaves the upstream baseline score unchanged, whereas Wilson's lower bound would push every
// new catalog pattern below the ones that happen to have been used. The posterior's standard
// deviation says how sure we are, and pruning only fires when even the optimistic end
// (mean + 2 sd) is poor, so two unlucky uses never flag a pattern.

export interface Effectiveness {
  patternId: string;
  uses: number;
  passes: number;
  /** posterior Beta parameters (prior Beta(1, 1) included) */
  alpha: number;
  beta: number;
  /** posterior mean of the success rate, 0..1; 0.5 with no evidence */
  mean: number;
  /** posterior standard deviation */
  sd: number;
  /** mean quality score over the uses (0 when unused) */
  meanScore: number;
  flaggedForPruning: boolean;
}

export type EffectivenessLookup = (patternId: string) => Effectiveness | undefined;

export const PRIOR_ALPHA = 1;
export const PRIOR_BETA = 1;

export interface PruningPolicy {
  /** uses needed before a pattern can be flagged */
  minUses: number;
  /** flag when mean + 2 sd stays below this */
  threshold: number;
}

export const DEFAULT_PRUNING: PruningPolicy = { minUses: 5, threshold: 0.5 };

/** The success weight of one use: its score when it passed validation, nothing when it failed. */
export function outcomeWeight(passed: boolean, score: number): number {
  if (!Number.isFinite(score)) return 0;
  return passed ? Math.min(1, Math.max(0, score)) : 0;
}

export function effectivenessFrom(
  patternId: string,
  counts: { uses: number; passes: number; successSum: number; scoreSum: number },
  pruning: PruningPolicy = DEFAULT_PRUNING,
): Effectiveness {
  const alpha = PRIOR_ALPHA + counts.successSum;
  const beta = PRIOR_BETA + (counts.uses - counts.successSum);
  const total = alpha + beta;
  const mean = alpha / total;
  const sd = Math.sqrt((alpha * beta) / (total * total * (total + 1)));
  return {
    patternId,
    uses: counts.uses,
    passes: counts.passes,
    alpha,
    beta,
    mean,
    sd,
    meanScore: counts.uses > 0 ? counts.scoreSum / counts.uses : 0,
    flaggedForPruning: counts.uses >= pruning.minUses && mean + 2 * sd < pruning.threshold,
  };
}
