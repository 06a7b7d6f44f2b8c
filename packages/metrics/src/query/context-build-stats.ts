// Where the context's tokens went: per-section sums (jsonb_each over tokens_per_section),
// build-time percentiles, budgets and what had to be truncated.
import { desc, sql, type SQL } from 'drizzle-orm';
import type { MetricsDb } from '../db/open-database.js';
import { contextBuilds as c } from '../schema/context-builds.js';
import { countAll, countWhere, meanOf, percentiles, sumOf, type Percentiles } from './filters.js';

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

export async function contextBuildStats(db: MetricsDb, where: SQL | undefined): Promise<ContextBuildStats> {
  const [row] = await db
    .select({
      count: countAll(),
      buildMs: percentiles(c.buildMs),
      meanTotalTokens: meanOf(c.totalTokens),
      meanBudgetTokens: meanOf(c.budgetTokens),
      truncatedBuilds: countWhere(sql`jsonb_array_length(${c.truncatedSections}) > 0`),
      patterns: { included: sumOf(c.patternsIncluded), available: sumOf(c.patternsAvailable) },
      references: { included: sumOf(c.referencesIncluded), available: sumOf(c.referencesAvailable) },
    })
    .from(c)
    .where(where);
  if (!row) throw new Error('an aggregate without GROUP BY returned no row');
  // the builds in the window as a sub-select, expanded per section
  const builds = db.select({ perSection: c.tokensPerSection, truncated: c.truncatedSections }).from(c).where(where).as('b');
  const section = sql<string>`s.key`;
  const tokens = sumOf(sql`(s.value)::text::bigint`);
  const sections = await db
    .select({ section, tokens })
    .from(sql`${builds}, jsonb_each(${builds.perSection}) s`)
    .groupBy(section)
    .orderBy(desc(tokens), section);
  const truncatedSection = sql<string>`s.value`;
  const count = countAll();
  const truncated = await db
    .select({ section: truncatedSection, count })
    .from(sql`${builds}, jsonb_array_elements_text(${builds.truncated}) s`)
    .groupBy(truncatedSection)
    .orderBy(desc(count), truncatedSection);
  return {
    ...row,
    tokensBySection: Object.fromEntries(sections.map((r) => [r.section, r.tokens])),
    truncatedSections: Object.fromEntries(truncated.map((r) => [r.section, r.count])),
  };
}
