// What a prompt A/B comparison needs from the recorded generations: per prompt version (or
// experiment arm) the usual generation statistics, how many generations passed, and one outcome per
// method — its latest generation in the window. A significance test counts methods, not
// generations: a method generated ten times under one arm is one unit, not ten independent trials.
import { asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { PASSING_VERDICTS } from '@onexgen/onex';
import type { MetricsDb } from '../db/open-database.js';
import { generationMetrics as g } from '../schema/generation-metrics.js';
import { GENERATION_COLUMN, countWhere, filterSchema, parseQuery, whereClause } from './filters.js';
import { generationStats, type GenerationStats } from './generation-stats.js';

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

export async function armOutcomes(db: MetricsDb, input: ArmOutcomesQuery): Promise<ArmOutcomes[]> {
  const q = parseQuery(armOutcomesQuerySchema, 'arm outcomes query', input);
  const column = GENERATION_COLUMN[q.by];
  const where = whereClause('generation', q);
  const passing = inArray(g.verdict, [...PASSING_VERDICTS]);
  const groups = await db
    .select({ arm: column, passes: countWhere(passing), ...generationStats() })
    .from(g)
    .where(where)
    .groupBy(column)
    .orderBy(sql`${column} nulls last`);
  // per (arm, method): its generations and passes over the window, and whether the latest passed
  const perMethod = sql`partition by ${column}, ${g.serviceName}, ${g.methodName}`;
  const latest = db
    .select({
      arm: sql<string | null>`${column}`.as('arm'),
      serviceName: sql<string>`${g.serviceName}`.as('service_name'),
      methodName: sql<string>`${g.methodName}`.as('method_name'),
      generations: sql<number>`(count(*) over (${perMethod}))::int`.as('generations'),
      passes: sql<number>`(count(*) filter (where ${passing}) over (${perMethod}))::int`.as('passes'),
      passed: sql<boolean>`coalesce(${passing}, false)`.as('passed'),
      n: sql<number>`row_number() over (${perMethod} order by ${g.createdAt} desc, ${g.id})`.as('n'),
    })
    .from(g)
    .where(where)
    .as('m');
  const methods = await db
    .select({ arm: latest.arm, serviceName: latest.serviceName, methodName: latest.methodName, passed: latest.passed, generations: latest.generations, passes: latest.passes })
    .from(latest)
    .where(eq(latest.n, 1))
    .orderBy(asc(latest.serviceName), asc(latest.methodName));
  return groups.map(({ arm, passes, ...generations }) => ({
    key: arm,
    generations,
    passes,
    methods: methods
      .filter((m) => m.arm === arm)
      .map((m) => ({ serviceName: m.serviceName, methodName: m.methodName, passed: m.passed, generations: m.generations, passes: m.passes })),
  }));
}
