// aggregate(): everything the report and `onexgen metrics` show, computed in SQL (percentile_cont
// for latencies) over a time window and filters, optionally grouped by one or more dimensions.
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { MetricsDb } from '../db/open-database.js';
import { rowsOf } from '../db/rows.js';
import { ATTEMPT_STATUSES, type AttemptStatus } from '../schema/vocabulary.js';
import { contextBuildStats, type ContextBuildStats } from './context-build-stats.js';
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
  type Filters,
  type Percentiles,
} from './filters.js';
import { GENERATION_STATS_COLUMNS, readGenerationStats, type GenerationStats } from './generation-stats.js';

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
  const total = rowsOf<Record<string, unknown>>(
    await db.execute(sql`select ${GENERATION_STATS_COLUMNS} from llm_generation_metrics${where('generation')}`),
  )[0];
  const generations = readGenerationStats(total);

  const strategies = rowsOf<Record<string, unknown>>(
    await db.execute(
      sql`select strategy, count(*)::int as count from llm_generation_metrics${where('generation')} group by strategy order by count desc, strategy`,
    ),
  ).map((r) => ({
    strategy: String(r.strategy),
    count: int(r.count),
    rate: generations.count > 0 ? int(r.count) / generations.count : 0,
  }));

  const attempts = await attemptStats(db, where('attempt'));
  const fallbacks = await fallbackStats(db, where('fallback'), generations.count);
  const contextBuilds = await contextBuildStats(db, where('contextBuild'));

  const costPerNode = rowsOf<Record<string, unknown>>(
    await db.execute(
      sql`select service_name, node_type, count(*)::int as count, coalesce(sum(cost_micro_usd), 0)::float8 as cost
          from llm_generation_metrics${where('generation')}
          group by service_name, node_type order by cost desc, service_name limit ${q.topNodes}`,
    ),
  ).map((r) => ({
    serviceName: String(r.service_name),
    nodeType: String(r.node_type),
    count: int(r.count),
    costMicroUsd: int(r.cost),
  }));

  let groups: AggregateResult['groups'] = [];
  if (groupBy.length > 0) {
    const keys = groupBy.map((d, i) => `${GENERATION_COLUMN[d]} as g${i}`).join(', ');
    const cols = groupBy.map((d) => GENERATION_COLUMN[d]).join(', ');
    const rows = rowsOf<Record<string, unknown>>(
      await db.execute(
        sql`select ${sql.raw(keys)}, ${GENERATION_STATS_COLUMNS} from llm_generation_metrics${where('generation')}
            group by ${sql.raw(cols)} order by ${sql.raw(cols)}`,
      ),
    );
    groups = rows.map((r) => ({
      key: Object.fromEntries(groupBy.map((d, i) => [d, r[`g${i}`] == null ? null : String(r[`g${i}`])])),
      generations: readGenerationStats(r),
    }));
  }

  return { filters, groupBy, generations, strategies, attempts, fallbacks, contextBuilds, costPerNode, groups };
}

async function attemptStats(db: MetricsDb, where: ReturnType<typeof whereClause>): Promise<AttemptStats> {
  const statusCols = ATTEMPT_STATUSES.map((s) => `count(*) filter (where status = '${s}')::int as status_${s}`).join(', ');
  const row =
    rowsOf<Record<string, unknown>>(
      await db.execute(
        sql`select count(*)::int as count, ${sql.raw(statusCols)},
            count(*) filter (where cache_hit)::int as cache_hits,
            coalesce(sum(tokens_input), 0)::float8 as tokens_input,
            coalesce(sum(tokens_output), 0)::float8 as tokens_output,
            coalesce(sum(tokens_cached), 0)::float8 as tokens_cached,
            coalesce(sum(tokens_reasoning), 0)::float8 as tokens_reasoning,
            coalesce(sum(cost_micro_usd), 0)::float8 as cost,
            ${sql.raw(percentileColumns('latency_ms', 'latency'))},
            ${sql.raw(percentileColumns('time_to_first_token_ms', 'ttft'))}
            from llm_call_attempts${where}`,
      ),
    )[0] ?? {};
  const count = int(row.count);
  const byStatus = Object.fromEntries(ATTEMPT_STATUSES.map((s) => [s, int(row[`status_${s}`])])) as Record<
    AttemptStatus,
    number
  >;
  const cacheHits = int(row.cache_hits);
  return {
    count,
    byStatus,
    successRate: count > 0 ? byStatus.success / count : null,
    cacheHits,
    cacheHitRate: count > 0 ? cacheHits / count : null,
    tokens: {
      input: int(row.tokens_input),
      output: int(row.tokens_output),
      cached: int(row.tokens_cached),
      reasoning: int(row.tokens_reasoning),
    },
    costMicroUsd: int(row.cost),
    latencyMs: readPercentiles(row, 'latency'),
    timeToFirstTokenMs: readPercentiles(row, 'ttft'),
  };
}

async function fallbackStats(
  db: MetricsDb,
  where: ReturnType<typeof whereClause>,
  generationCount: number,
): Promise<AggregateResult['fallbacks']> {
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(
      sql`select strategy, count(*)::int as count, avg(case when success then 1.0 else 0.0 end)::float8 as success_rate
          from fallback_events${where} group by strategy order by count desc, strategy`,
    ),
  );
  const byStrategy = rows.map((r) => ({
    strategy: String(r.strategy),
    count: int(r.count),
    successRate: num(r.success_rate),
    perGeneration: generationCount > 0 ? int(r.count) / generationCount : null,
  }));
  return { count: byStrategy.reduce((n, s) => n + s.count, 0), byStrategy };
}
