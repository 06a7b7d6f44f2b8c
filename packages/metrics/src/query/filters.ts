// The filter vocabulary shared by aggregate() and timeSeries(): a time window plus equality filters,
// turned into one WHERE condition per table (each table has a different subset of the columns),
// and the typed SQL expressions the queries select (`sql<T>`: both drivers return these as T).
import { and, eq, gte, inArray, lt, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { QueryBuilder } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { NODE_TYPES } from '@onexgen/onex';
import { callAttempts } from '../schema/call-attempts.js';
import { contextBuilds } from '../schema/context-builds.js';
import { fallbackEvents } from '../schema/fallback-events.js';
import { generationMetrics } from '../schema/generation-metrics.js';

export const DIMENSIONS = ['nodeType', 'model', 'tier', 'provider', 'serviceName', 'strategy', 'promptVersion', 'experimentArm'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

const g = generationMetrics;

/** Column of llm_generation_metrics for each dimension. */
export const GENERATION_COLUMN = {
  nodeType: g.nodeType,
  model: g.model,
  tier: g.tier,
  provider: g.provider,
  serviceName: g.serviceName,
  strategy: g.strategy,
  promptVersion: g.promptVersion,
  experimentArm: g.experimentArm,
} satisfies Record<Dimension, AnyColumn>;

export const filterSchema = z.object({
  /** inclusive lower bound on created_at */
  since: z.coerce.date().optional(),
  /** exclusive upper bound on created_at */
  until: z.coerce.date().optional(),
  nodeType: z.enum(NODE_TYPES).optional(),
  model: z.string().min(1).optional(),
  tier: z.string().min(1).optional(),
  provider: z.string().min(1).optional(),
});
export type Filters = z.output<typeof filterSchema>;

export { parseOrThrow as parseQuery } from '../validate.js';

const TABLES = { generation: g, attempt: callAttempts, fallback: fallbackEvents, contextBuild: contextBuilds };
type Table = keyof typeof TABLES;

/** Builds the sub-select below without a database at hand. */
const qb = new QueryBuilder();

function modelConditions(t: typeof g | typeof callAttempts, f: Filters): SQL[] {
  return [
    f.model === undefined ? undefined : eq(t.model, f.model),
    f.tier === undefined ? undefined : eq(t.tier, f.tier),
    f.provider === undefined ? undefined : eq(t.provider, f.provider),
  ].filter((c) => c !== undefined);
}

/** WHERE condition (undefined: no filter) for `table` under the filters. */
export function whereClause(table: Table, f: Filters): SQL | undefined {
  const t = TABLES[table];
  let byModel: SQL[];
  if (t === g || t === callAttempts) byModel = modelConditions(t, f);
  else {
    // Fallbacks and context builds carry no model: keep those of generations that match.
    const model = modelConditions(g, f);
    byModel = model.length === 0 ? [] : [inArray(t.correlationId, qb.select({ id: g.correlationId }).from(g).where(and(...model)))];
  }
  return and(
    f.since === undefined ? undefined : gte(t.createdAt, f.since),
    f.until === undefined ? undefined : lt(t.createdAt, f.until),
    f.nodeType === undefined ? undefined : eq(t.nodeType, f.nodeType),
    ...byModel,
  );
}

export interface Percentiles {
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

/** percentile_cont over `column`: p50, p95, p99 (null over no rows). */
export function percentiles(column: AnyColumn): { [K in keyof Percentiles]: SQL<number | null> } {
  const at = (p: number) => sql<number | null>`percentile_cont(${sql.raw(String(p))}) within group (order by ${column})`;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

/** count(*) as an int4 (a JS number from both drivers). */
export const countAll = (): SQL<number> => sql<number>`count(*)::int`;

/** count(*) of the rows matching `condition`. */
export const countWhere = (condition: SQL): SQL<number> => sql<number>`count(*) filter (where ${condition})::int`;

/** sum of a column as float8, 0 over no rows (int8 sums would come back as strings). */
export const sumOf = (column: AnyColumn | SQL): SQL<number> => sql<number>`coalesce(sum(${column}), 0)::float8`;

/** mean of a column as float8 (null over no rows). */
export const meanOf = (column: AnyColumn | SQL): SQL<number | null> => sql<number | null>`avg(${column})::float8`;

/** share of rows where `condition` holds, in [0, 1] (null over no rows). */
export const rateOf = (condition: AnyColumn | SQL): SQL<number | null> =>
  sql<number | null>`avg(case when ${condition} then 1.0 else 0.0 end)::float8`;
