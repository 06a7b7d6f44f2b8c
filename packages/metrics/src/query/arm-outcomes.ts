// What a prompt A/B comparison needs from the recorded generations: per prompt version (or
// experiment arm) the usual generation statistics, how many generations passed, and one outcome per
// method — its latest generation in the window. A significance test counts methods, not
// generations: a method generated ten times under one arm is one unit, not ten independent trials.
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { PASSING_VERDICTS } from '@onexgen/onex';
import type { MetricsDb } from '../db/open-database.js';
import { rowsOf } from '../db/rows.js';
import { sqlList } from '../schema/vocabulary.js';
import { GENERATION_COLUMN, filterSchema, int, parseQuery, whereClause } from './filters.js';
import { GENERATION_STATS_COLUMNS, readGenerationStats, type GenerationStats } from './generation-stats.js';

export const ARM_DIMENSIONS = ['promptVersion', 'experimentArm'] as const;
export type ArmDimension = (typeof ARM_DIMENSIONS)[number];

export const armOutcomesQuerySchema = filterSchema.extend({
  by: z.enum(ARM_DIMENSIONS),
});
export type ArmOutcomesQuery = z.input<typeof armOutcomesQuerySchema>;

export interface MethodOutcome {
  serviceName: string;
  methodName: string;
  /** the latest generation's verdict passed (static checks, and the examples where the spec gives them) */
  passed: boolean;
  generations: number;
  passes: number;
}

export interface ArmOutcomes {
  /** the prompt version or `experiment/arm`; null: generations recorded without one */
  key: string | null;
  generations: GenerationStats;
  /** generations whose verdict is passed or passed-static */
  passes: number;
  methods: MethodOutcome[];
}

const PASSING = `verdict in (${sqlList(PASSING_VERDICTS)})`;

export async function armOutcomes(db: MetricsDb, input: ArmOutcomesQuery): Promise<ArmOutcomes[]> {
  const q = parseQuery(armOutcomesQuerySchema, 'arm outcomes query', input);
  const column = sql.raw(GENERATION_COLUMN[q.by]);
  const where = whereClause('generation', q);
  const groups = rowsOf<Record<string, unknown>>(
    await db.execute(
      sql`select ${column} as arm, count(*) filter (where ${sql.raw(PASSING)})::int as passes, ${GENERATION_STATS_COLUMNS}
          from llm_generation_metrics${where} group by ${column} order by ${column} nulls last`,
    ),
  );
  const methods = rowsOf<Record<string, unknown>>(
    await db.execute(
      sql`select arm, service_name, method_name, generations, passes, latest_passed from (
            select ${column} as arm, service_name, method_name,
                   (count(*) over w)::int as generations,
                   (count(*) filter (where ${sql.raw(PASSING)}) over w)::int as passes,
                   coalesce(${sql.raw(PASSING)}, false) as latest_passed,
                   row_number() over (partition by ${column}, service_name, method_name order by created_at desc, id) as n
              from llm_generation_metrics${where}
            window w as (partition by ${column}, service_name, method_name)
          ) m where n = 1 order by service_name, method_name`,
    ),
  );
  const keyOf = (v: unknown) => (v == null ? null : String(v));
  return groups.map((g) => {
    const key = keyOf(g.arm);
    return {
      key,
      generations: readGenerationStats(g),
      passes: int(g.passes),
      methods: methods
        .filter((m) => keyOf(m.arm) === key)
        .map((m) => ({
          serviceName: String(m.service_name),
          methodName: String(m.method_name),
          passed: m.latest_passed === true || m.latest_passed === 't',
          generations: int(m.generations),
          passes: int(m.passes),
        })),
    };
  });
}
