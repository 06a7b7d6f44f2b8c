// Where the context's tokens went: per-section sums (jsonb_each over tokens_per_section),
// build-time percentiles, budgets and what had to be truncated.
import { sql, type SQL } from 'drizzle-orm';
import type { MetricsDb } from '../db/open-database.js';
import { rowsOf } from '../db/rows.js';
import { int, num, percentileColumns, readPercentiles, type Percentiles } from './filters.js';

export interface ContextBuildStats {
  count: number;
  buildMs: Percentiles;
  meanTotalTokens: number | null;
  meanBudgetTokens: number | null;
  /** builds that cut at least one section */
  truncatedBuilds: number;
  /** summed tokens per section name */
  tokensBySection: Record<string, number>;
  /** how often each section was truncated */
  truncatedSections: Record<string, number>;
  patterns: { included: number; available: number };
  references: { included: number; available: number };
}

export async function contextBuildStats(db: MetricsDb, where: SQL): Promise<ContextBuildStats> {
  const row =
    rowsOf<Record<string, unknown>>(
      await db.execute(
        sql`select count(*)::int as count, ${sql.raw(percentileColumns('build_ms', 'build'))},
            avg(total_tokens)::float8 as mean_total, avg(budget_tokens)::float8 as mean_budget,
            count(*) filter (where jsonb_array_length(truncated_sections) > 0)::int as truncated_builds,
            coalesce(sum(patterns_included), 0)::float8 as patterns_included,
            coalesce(sum(patterns_available), 0)::float8 as patterns_available,
            coalesce(sum(references_included), 0)::float8 as references_included,
            coalesce(sum(references_available), 0)::float8 as references_available
            from context_builds${where}`,
      ),
    )[0] ?? {};
  const sections = rowsOf<Record<string, unknown>>(
    await db.execute(
      sql`select s.key as section, sum((s.value)::text::bigint)::float8 as tokens
          from (select tokens_per_section from context_builds${where}) b, jsonb_each(b.tokens_per_section) s
          group by s.key order by tokens desc, s.key`,
    ),
  );
  const truncated = rowsOf<Record<string, unknown>>(
    await db.execute(
      sql`select s.value as section, count(*)::int as count
          from (select truncated_sections from context_builds${where}) b, jsonb_array_elements_text(b.truncated_sections) s
          group by s.value order by count desc, s.value`,
    ),
  );
  return {
    count: int(row.count),
    buildMs: readPercentiles(row, 'build'),
    meanTotalTokens: num(row.mean_total),
    meanBudgetTokens: num(row.mean_budget),
    truncatedBuilds: int(row.truncated_builds),
    tokensBySection: Object.fromEntries(sections.map((r) => [String(r.section), int(r.tokens)])),
    truncatedSections: Object.fromEntries(truncated.map((r) => [String(r.section), int(r.count)])),
    patterns: { included: int(row.patterns_included), available: int(row.patterns_available) },
    references: { included: int(row.references_included), available: int(row.references_available) },
  };
}
