// aggregate(): everything the report and `onexgen metrics` show, computed in SQL (percentile_cont
// for latencies) over a time window and filters, optionally grouped by one or more dimensions.
// Typed selections: each row comes back in the shape (and number types) the result needs.
import { asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { MetricsDb } from '../db/open-database.js';
import { callAttempts as a } from '../schema/call-attempts.js';
import { fallbackEvents as fb } from '../schema/fallback-events.js';
import { generationMetrics as g } from '../schema/generation-metrics.js';
import { ATTEMPT_STATUSES, type AttemptStatus } from '../schema/vocabulary.js';
import { contextBuildStats, type ContextBuildStats } from './context-build-stats.js';
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
  type Filters,
  type Percentiles,
} from './filters.js';
import { generationStats, type GenerationStats } from './generation-stats.js';

export const aggregateQuerySchema = filterSchema.extend({
  groupBy: z.union([z.enum(DIMENSIONS), z.array(z.enum(DIMENSIONS)).max(3)]).optional(),
  /** rows in costPerNode (largest first) */
  topNodes: z.number().int().min(1).max(1000).default(20),
});
export type AggregateQuery = z.input<typeof aggregateQuerySchema>;

export interface AttemptStats {
  count: number;
  byStatus: Record<AttemptStatus, number>;
  successRate: number | null;
  cacheHits: number;
  cacheHitRate: number | null;
  tokens: { input: number; output: number; cached: number; reasoning: number };
  costMicroUsd: number;
  latencyMs: Percentiles;
  timeToFirstTokenMs: Percentiles;
}

export interface AggregateResult {
  filters: Filters;
  groupBy: Dimension[];
  generations: GenerationStats;
  /** how the code was produced, with each strategy's share of generations */
  strategies: { strategy: string; count: number; rate: number }[];
  attempts: AttemptStats;
  fallbacks: {
    count: number;
    byStrategy: { strategy: string; count: number; successRate: number | null; perGeneration: number | null }[];
  };
  contextBuilds: ContextBuildStats;
  /** cost per node (service), largest first */
  costPerNode: { serviceName: string; nodeType: string; count: number; costMicroUsd: number }[];
  groups: { key: Partial<Record<Dimension, string | null>>; generations: GenerationStats }[];
}

export async function aggregate(db: MetricsDb, input: AggregateQuery = {}): Promise<AggregateResult> {
  const q = parseQuery(aggregateQuerySchema, 'aggregate query', input);
  const groupBy = q.groupBy === undefined ? [] : Array.isArray(q.groupBy) ? [...new Set(q.groupBy)] : [q.groupBy];
  const filters: Filters = {
    since: q.since,
    until: q.until,
    nodeType: q.nodeType,
    model: q.model,
    tier: q.tier,
    provider: q.provider,
  };
  const where = (t: Parameters<typeof whereClause>[0]) => whereClause(t, filters);

  // Sequential on purpose: a PGlite handle runs one query at a time anyway, and a small pool is
  // better shared with the app's writers than saturated by one report.
  const [generations] = await db.select(generationStats()).from(g).where(where('generation'));
  if (!generations) throw new Error('an aggregate without GROUP BY returned no row');

  const count = countAll();
  const strategies = (
    await db.select({ strategy: g.strategy, count }).from(g).where(where('generation')).groupBy(g.strategy).orderBy(desc(count), asc(g.strategy))
  ).map((r) => ({ ...r, rate: generations.count > 0 ? r.count / generations.count : 0 }));

  const attempts = await attemptStats(db, where('attempt'));
  const fallbacks = await fallbackStats(db, where('fallback'), generations.count);
  const contextBuilds = await contextBuildStats(db, where('contextBuild'));

  const cost = sumOf(g.costMicroUsd);
  const costPerNode = await db
    .select({ serviceName: g.serviceName, nodeType: g.nodeType, count, costMicroUsd: cost })
    .from(g)
    .where(where('generation'))
    .groupBy(g.serviceName, g.nodeType)
    .orderBy(desc(cost), asc(g.serviceName))
    .limit(q.topNodes);

  let groups: AggregateResult['groups'] = [];
  if (groupBy.length > 0) {
    const columns = groupBy.map((d) => GENERATION_COLUMN[d]);
    // the group's values as one text[] (drizzle nests selections one level deep: stats are that level)
    const key = sql<(string | null)[]>`array[${sql.join(columns, sql`, `)}]::text[]`;
    const rows = await db
      .select({ key, ...generationStats() })
      .from(g)
      .where(where('generation'))
      .groupBy(...columns)
      .orderBy(...columns);
    groups = rows.map(({ key: values, ...generations }) => ({
      key: Object.fromEntries(groupBy.map((d, i) => [d, values[i] ?? null])),
      generations,
    }));
  }

  return { filters, groupBy, generations, strategies, attempts, fallbacks, contextBuilds, costPerNode, groups };
}

async function attemptStats(db: MetricsDb, where: SQL | undefined): Promise<AttemptStats> {
  const byStatus = Object.fromEntries(ATTEMPT_STATUSES.map((s) => [s, countWhere(eq(a.status, s))])) as Record<AttemptStatus, SQL<number>>;
  const [row] = await db
    .select({
      count: countAll(),
      byStatus,
      cacheHits: countWhere(sql`${a.cacheHit}`),
      tokens: { input: sumOf(a.tokensInput), output: sumOf(a.tokensOutput), cached: sumOf(a.tokensCached), reasoning: sumOf(a.tokensReasoning) },
      costMicroUsd: sumOf(a.costMicroUsd),
      latencyMs: percentiles(a.latencyMs),
      timeToFirstTokenMs: percentiles(a.timeToFirstTokenMs),
    })
    .from(a)
    .where(where);
  if (!row) throw new Error('an aggregate without GROUP BY returned no row');
  return {
    ...row,
    successRate: row.count > 0 ? row.byStatus.success / row.count : null,
    cacheHitRate: row.count > 0 ? row.cacheHits / row.count : null,
  };
}

async function fallbackStats(db: MetricsDb, where: SQL | undefined, generationCount: number): Promise<AggregateResult['fallbacks']> {
  const count = countAll();
  const rows = await db
    .select({ strategy: fb.strategy, count, successRate: rateOf(fb.success) })
    .from(fb)
    .where(where)
    .groupBy(fb.strategy)
    .orderBy(desc(count), asc(fb.strategy));
  const byStrategy = rows.map((r) => ({ ...r, perGeneration: generationCount > 0 ? r.count / generationCount : null }));
  return { count: byStrategy.reduce((n, s) => n + s.count, 0), byStrategy };
}
