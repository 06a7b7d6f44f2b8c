// The filter vocabulary shared by aggregate() and timeSeries(): a time window plus equality filters,
// turned into one WHERE clause per table (each table has a different subset of the columns).
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { NODE_TYPES } from '@onexgen/onex';

export const DIMENSIONS = ['nodeType', 'model', 'tier', 'provider', 'serviceName', 'strategy', 'promptVersion', 'experimentArm'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Column of llm_generation_metrics for each dimension. */
export const GENERATION_COLUMN: Record<Dimension, string> = {
  nodeType: 'node_type',
  model: 'model',
  tier: 'tier',
  provider: 'provider',
  serviceName: 'service_name',
  strategy: 'strategy',
  promptVersion: 'prompt_version',
  experimentArm: 'experiment_arm',
};

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

type Table = 'generation' | 'attempt' | 'fallback' | 'contextBuild';

/** WHERE clause (or empty) for `table` under the filters. */
export function whereClause(table: Table, f: Filters): SQL {
  const parts: SQL[] = [];
  if (f.since) parts.push(sql`created_at >= ${f.since.toISOString()}::timestamptz`);
  if (f.until) parts.push(sql`created_at < ${f.until.toISOString()}::timestamptz`);
  if (f.nodeType) parts.push(sql`node_type = ${f.nodeType}`);
  const modelFilters: SQL[] = [];
  if (f.model) modelFilters.push(sql`model = ${f.model}`);
  if (f.tier) modelFilters.push(sql`tier = ${f.tier}`);
  if (f.provider) modelFilters.push(sql`provider = ${f.provider}`);
  if (modelFilters.length > 0) {
    if (table === 'generation' || table === 'attempt') parts.push(...modelFilters);
    else {
      // Fallbacks and context builds carry no model: keep those of generations that match.
      parts.push(
        sql`correlation_id in (select correlation_id from llm_generation_metrics where ${sql.join(modelFilters, sql` and `)})`,
      );
    }
  }
  return parts.length > 0 ? sql` where ${sql.join(parts, sql` and `)}` : sql``;
}

export interface Percentiles {
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

/** percentile_cont over `column` as three output columns `<alias>_p50/_p95/_p99` (column is a constant). */
export function percentileColumns(column: string, alias: string): string {
  return [0.5, 0.95, 0.99]
    .map((p) => `percentile_cont(${p}) within group (order by ${column}) as ${alias}_p${Math.round(p * 100)}`)
    .join(', ');
}

export function readPercentiles(row: Record<string, unknown>, alias: string): Percentiles {
  return { p50: num(row[`${alias}_p50`]), p95: num(row[`${alias}_p95`]), p99: num(row[`${alias}_p99`]) };
}

/** Numbers come back as number, string (int8/numeric) or bigint depending on the driver. */
export function num(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

export function int(value: unknown): number {
  return num(value) ?? 0;
}
