// timeSeries(): generations and attempts bucketed by hour or day (UTC), optionally split by one
// dimension (e.g. cost per day by model). Buckets come back as epoch seconds so both drivers agree.
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { MetricsDb } from '../db/open-database.js';
import { rowsOf } from '../db/rows.js';
import { FALLBACK_GENERATION_STRATEGIES, sqlList } from '../schema/vocabulary.js';
import {
  DIMENSIONS,
  GENERATION_COLUMN,
  filterSchema,
  int,
  num,
  parseQuery,
  percentileColumns,
  readPercentiles,
  whereClause,
  type Dimension,
  type Percentiles,
} from './filters.js';

export const timeSeriesQuerySchema = filterSchema.extend({
  bucket: z.enum(['hour', 'day']).default('day'),
  /** one series per value of this dimension (generations only) */
  splitBy: z.enum(DIMENSIONS).optional(),
});
export type TimeSeriesQuery = z.input<typeof timeSeriesQuerySchema>;

export interface GenerationPoint {
  bucketStart: Date;
  /** value of splitBy, or null when not split */
  key: string | null;
  count: number;
  costMicroUsd: number;
  tokensTotal: number;
  latencyMs: Percentiles;
  validationPassedRate: number | null;
  fallbackRate: number | null;
}

export interface AttemptPoint {
  bucketStart: Date;
  count: number;
  errors: number;
  cacheHits: number;
  timeToFirstTokenMs: Percentiles;
}

export interface TimeSeriesResult {
  bucket: 'hour' | 'day';
  splitBy: Dimension | null;
  generations: GenerationPoint[];
  attempts: AttemptPoint[];
}

export async function timeSeries(db: MetricsDb, input: TimeSeriesQuery): Promise<TimeSeriesResult> {
  const q = parseQuery(timeSeriesQuerySchema, 'time series query', input);
  const bucketExpr = sql.raw(`extract(epoch from date_trunc('${q.bucket}', created_at, 'UTC'))::float8`);
  const split = q.splitBy ? sql.raw(GENERATION_COLUMN[q.splitBy]) : sql.raw('null::text');
  const gen = rowsOf<Record<string, unknown>>(
    await db.execute(
      sql`select ${bucketExpr} as bucket, ${split} as key, count(*)::int as count,
          coalesce(sum(cost_micro_usd), 0)::float8 as cost, coalesce(sum(tokens_total), 0)::float8 as tokens,
          ${sql.raw(percentileColumns('latency_ms', 'latency'))},
          avg(case when validation_passed then 1.0 else 0.0 end)::float8 as passed_rate,
          avg(case when strategy in (${sql.raw(sqlList(FALLBACK_GENERATION_STRATEGIES))}) then 1.0 else 0.0 end)::float8 as fallback_rate
          from llm_generation_metrics${whereClause('generation', q)}
          group by 1, 2 order by 1, 2`,
    ),
  );
  const att = rowsOf<Record<string, unknown>>(
    await db.execute(
      sql`select ${bucketExpr} as bucket, count(*)::int as count,
          count(*) filter (where status <> 'success')::int as errors,
          count(*) filter (where cache_hit)::int as cache_hits,
          ${sql.raw(percentileColumns('time_to_first_token_ms', 'ttft'))}
          from llm_call_attempts${whereClause('attempt', q)}
          group by 1 order by 1`,
    ),
  );
  return {
    bucket: q.bucket,
    splitBy: q.splitBy ?? null,
    generations: gen.map((r) => ({
      bucketStart: new Date(int(r.bucket) * 1000),
      key: r.key == null ? null : String(r.key),
      count: int(r.count),
      costMicroUsd: int(r.cost),
      tokensTotal: int(r.tokens),
      latencyMs: readPercentiles(r, 'latency'),
      validationPassedRate: num(r.passed_rate),
      fallbackRate: num(r.fallback_rate),
    })),
    attempts: att.map((r) => ({
      bucketStart: new Date(int(r.bucket) * 1000),
      count: int(r.count),
      errors: int(r.errors),
      cacheHits: int(r.cache_hits),
      timeToFirstTokenMs: readPercentiles(r, 'ttft'),
    })),
  };
}
