// timeSeries(): generations and attempts bucketed by hour or day (UTC), optionally split by one
// dimension (e.g. cost per day by model). Buckets come back as epoch seconds so both drivers agree.
import { inArray, ne, sql, type AnyColumn } from 'drizzle-orm';
import { z } from 'zod';
import type { MetricsDb } from '../db/open-database.js';
import { callAttempts as a } from '../schema/call-attempts.js';
import { generationMetrics as g } from '../schema/generation-metrics.js';
import { FALLBACK_GENERATION_STRATEGIES } from '../schema/vocabulary.js';
import {
  DIMENSIONS,
  GENERATION_COLUMN,
  countAll,
  countWhere,
  filterSchema,
  parseQuery,
  percentiles,
  rateOf,
  sumOf,
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
  // The unit is inlined (a validated enum), so the select and GROUP BY 1 hold the same expression.
  const bucketStart = (createdAt: AnyColumn) =>
    sql<Date>`extract(epoch from date_trunc(${sql.raw(`'${q.bucket}'`)}, ${createdAt}, 'UTC'))::float8`.mapWith(
      (seconds: number) => new Date(seconds * 1000),
    );
  const key = q.splitBy ? sql<string | null>`${GENERATION_COLUMN[q.splitBy]}` : sql<string | null>`null::text`;
  const generations = await db
    .select({
      bucketStart: bucketStart(g.createdAt),
      key,
      count: countAll(),
      costMicroUsd: sumOf(g.costMicroUsd),
      tokensTotal: sumOf(g.tokensTotal),
      latencyMs: percentiles(g.latencyMs),
      validationPassedRate: rateOf(g.validationPassed),
      fallbackRate: rateOf(inArray(g.strategy, [...FALLBACK_GENERATION_STRATEGIES])),
    })
    .from(g)
    .where(whereClause('generation', q))
    .groupBy(sql`1, 2`)
    .orderBy(sql`1, 2`);
  const attempts = await db
    .select({
      bucketStart: bucketStart(a.createdAt),
      count: countAll(),
      errors: countWhere(ne(a.status, 'success')),
      cacheHits: countWhere(sql`${a.cacheHit}`),
      timeToFirstTokenMs: percentiles(a.timeToFirstTokenMs),
    })
    .from(a)
    .where(whereClause('attempt', q))
    .groupBy(sql`1`)
    .orderBy(sql`1`);
  return { bucket: q.bucket, splitBy: q.splitBy ?? null, generations, attempts };
}
