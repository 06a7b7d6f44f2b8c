// The per-generation statistics, as one typed selection reused for the total and for every group:
// drizzle's nested selection builds the GenerationStats object itself.
import { inArray, sql } from 'drizzle-orm';
import { generationMetrics as g } from '../schema/generation-metrics.js';
import { FALLBACK_GENERATION_STRATEGIES } from '../schema/vocabulary.js';
import { countAll, meanOf, percentiles, rateOf, sumOf, type Percentiles } from './filters.js';

export interface GenerationStats {
  count: number;
  tokens: { input: number; output: number; total: number };
  costMicroUsd: number;
  latencyMs: Percentiles & { mean: number | null; max: number | null };
  /** shares in [0, 1]; null when there are no generations */
  rates: {
    syntaxValid: number | null;
    onexCompliant: number | null;
    validationPassed: number | null;
    hasTypeHints: number | null;
    /** produced by retry, template fallback or partial code */
    fallback: number | null;
    truncated: number | null;
  };
  qualityScoreMean: number | null;
  /** mean attempts per generation */
  attemptsMean: number | null;
}

/** The selection over llm_generation_metrics whose row is a GenerationStats. */
export const generationStats = () =>
  ({
    count: countAll(),
    tokens: { input: sumOf(g.tokensInput), output: sumOf(g.tokensOutput), total: sumOf(g.tokensTotal) },
    costMicroUsd: sumOf(g.costMicroUsd),
    latencyMs: { ...percentiles(g.latencyMs), mean: meanOf(g.latencyMs), max: sql<number | null>`max(${g.latencyMs})::float8` },
    rates: {
      syntaxValid: rateOf(g.syntaxValid),
      onexCompliant: rateOf(g.onexCompliant),
      validationPassed: rateOf(g.validationPassed),
      hasTypeHints: rateOf(g.hasTypeHints),
      fallback: rateOf(inArray(g.strategy, [...FALLBACK_GENERATION_STRATEGIES])),
      truncated: rateOf(g.truncated),
    },
    qualityScoreMean: meanOf(g.qualityScore),
    attemptsMean: meanOf(g.attempts),
  }) satisfies { [K in keyof GenerationStats]: unknown };
