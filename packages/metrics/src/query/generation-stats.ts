// The per-generation statistics, as one SELECT list reused for the total and for every group.
import { sql, type SQL } from 'drizzle-orm';
import { FALLBACK_GENERATION_STRATEGIES, sqlList } from '../schema/vocabulary.js';
import { int, num, percentileColumns, readPercentiles, type Percentiles } from './filters.js';

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

const rate = (expr: string, alias: string) => `avg(case when ${expr} then 1.0 else 0.0 end)::float8 as ${alias}`;

export const GENERATION_STATS_COLUMNS: SQL = sql.raw(
  [
    'count(*)::int as count',
    'coalesce(sum(tokens_input), 0)::float8 as tokens_input',
    'coalesce(sum(tokens_output), 0)::float8 as tokens_output',
    'coalesce(sum(tokens_total), 0)::float8 as tokens_total',
    'coalesce(sum(cost_micro_usd), 0)::float8 as cost',
    'avg(latency_ms)::float8 as latency_mean',
    'max(latency_ms)::float8 as latency_max',
    percentileColumns('latency_ms', 'latency'),
    rate('syntax_valid', 'syntax_valid_rate'),
    rate('onex_compliant', 'onex_compliant_rate'),
    rate('validation_passed', 'validation_passed_rate'),
    rate('has_type_hints', 'type_hints_rate'),
    rate(`strategy in (${sqlList(FALLBACK_GENERATION_STRATEGIES)})`, 'fallback_rate'),
    rate('truncated', 'truncated_rate'),
    'avg(quality_score)::float8 as quality_mean',
    'avg(attempts)::float8 as attempts_mean',
  ].join(', '),
);

export function readGenerationStats(row: Record<string, unknown> | undefined): GenerationStats {
  const r = row ?? {};
  return {
    count: int(r.count),
    tokens: { input: int(r.tokens_input), output: int(r.tokens_output), total: int(r.tokens_total) },
    costMicroUsd: int(r.cost),
    latencyMs: { ...readPercentiles(r, 'latency'), mean: num(r.latency_mean), max: num(r.latency_max) },
    rates: {
      syntaxValid: num(r.syntax_valid_rate),
      onexCompliant: num(r.onex_compliant_rate),
      validationPassed: num(r.validation_passed_rate),
      hasTypeHints: num(r.type_hints_rate),
      fallback: num(r.fallback_rate),
      truncated: num(r.truncated_rate),
    },
    qualityScoreMean: num(r.quality_mean),
    attemptsMean: num(r.attempts_mean),
  };
}
