// Recent generations as a person picks one to judge (`onexgen history`), one found by id or id
// prefix (`onexgen feedback ID …`), and the acceptance those judgements add up to (the report).
import { and, asc, desc, eq, isNotNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { MetricsDb } from '../db/open-database.js';
import { rowsOf } from '../db/rows.js';
import { parseOrThrow } from '../validate.js';
import { generationHistory as h } from '../schema/generation-history.js';
import { generationMetrics as g } from '../schema/generation-metrics.js';
import { countAll, countWhere, filterSchema, whereClause, type Filters } from './filters.js';

export interface GenerationListing {
  /** the generation's id: its correlation id (templates and the run's --json name it so) */
  id: string;
  sessionId: string | null;
  createdAt: Date;
  nodeType: string;
  serviceName: string;
  methodName: string;
  strategy: string;
  verdict: string | null;
  model: string;
  costMicroUsd: number;
  /** a model wrote it (there is a history row to take the feedback) */
  judgeable: boolean;
  feedback: { userAccepted: boolean | null; manualEditsRequired: boolean | null; userFeedback: string | null } | null;
  /** the catalog patterns the accepted attempt's prompt showed */
  patternIds: string[];
}

const listSchema = z.object({
  limit: z.number().int().min(1).max(10_000).default(20),
  since: z.coerce.date().optional(),
});
export type GenerationListQuery = z.input<typeof listSchema>;

interface Row {
  id: string;
  session_id: string | null;
  created_at: string | Date;
  node_type: string;
  service_name: string;
  method_name: string;
  strategy: string;
  verdict: string | null;
  model: string;
  cost: number | string;
  history_id: string | null;
  user_accepted: boolean | null;
  manual_edits_required: boolean | null;
  user_feedback: string | null;
  pattern_ids: string[] | null;
}

// the latest history attempt of each generation: the one feedback is written to
const SELECT = sql`
  select g.correlation_id::text as id, g.session_id::text as session_id, g.created_at, g.node_type, g.service_name,
         g.method_name, g.strategy, g.verdict, g.model, g.cost_micro_usd as cost,
         h.id::text as history_id, h.user_accepted, h.manual_edits_required, h.user_feedback, h.pattern_ids
    from llm_generation_metrics g
    left join lateral (
      select id, user_accepted, manual_edits_required, user_feedback, pattern_ids from llm_generation_history
       where correlation_id = g.correlation_id and method_name = g.method_name
       order by attempt desc limit 1
    ) h on true`;

function toListing(r: Row): GenerationListing {
  const judged = r.user_accepted !== null || r.manual_edits_required !== null || r.user_feedback !== null;
  return {
    id: r.id,
    sessionId: r.session_id,
    createdAt: new Date(r.created_at),
    nodeType: r.node_type,
    serviceName: r.service_name,
    methodName: r.method_name,
    strategy: r.strategy,
    verdict: r.verdict,
    model: r.model,
    costMicroUsd: Number(r.cost),
    judgeable: r.history_id !== null,
    feedback: judged ? { userAccepted: r.user_accepted, manualEditsRequired: r.manual_edits_required, userFeedback: r.user_feedback } : null,
    patternIds: Array.isArray(r.pattern_ids) ? r.pattern_ids : [],
  };
}

export async function listGenerations(db: MetricsDb, input: GenerationListQuery = {}): Promise<GenerationListing[]> {
  const q = parseOrThrow(listSchema, 'generation list query', input);
  const where = q.since ? sql` where g.created_at >= ${q.since.toISOString()}::timestamptz` : sql``;
  const rows = rowsOf<Row>(await db.execute(sql`${SELECT}${where} order by g.created_at desc, g.method_name limit ${q.limit}`));
  return rows.map(toListing);
}

/** Generations whose id starts with `prefix` (at most 2: more than one means the prefix is ambiguous). */
export async function findGenerations(db: MetricsDb, prefix: string): Promise<GenerationListing[]> {
  const p = parseOrThrow(z.string().regex(/^[0-9a-f-]{4,36}$/i, 'a generation id or its first 4+ characters'), 'generation id', prefix).toLowerCase();
  const rows = rowsOf<Row>(await db.execute(sql`${SELECT} where g.correlation_id::text like ${`${p}%`} order by g.created_at desc limit 2`));
  return rows.map(toListing);
}

export interface AcceptanceRow {
  key: string;
  /** generations a person judged */
  judged: number;
  /** accepted as written */
  accepted: number;
  /** accepted after edits */
  edited: number;
  rejected: number;
  /** (accepted + edited) / judged */
  acceptanceRate: number | null;
}

export interface AcceptanceStats {
  byNodeType: AcceptanceRow[];
  byModel: AcceptanceRow[];
}

async function acceptanceBy(db: MetricsDb, column: typeof g.nodeType | typeof g.model, f: Filters): Promise<AcceptanceRow[]> {
  const judged = countAll();
  const rows = await db
    .select({
      key: column,
      judged,
      accepted: countWhere(sql`${h.userAccepted} and not coalesce(${h.manualEditsRequired}, false)`),
      edited: countWhere(sql`${h.userAccepted} and ${h.manualEditsRequired}`),
      rejected: countWhere(eq(h.userAccepted, false)),
    })
    .from(g)
    .innerJoin(h, and(eq(h.correlationId, g.correlationId), eq(h.methodName, g.methodName)))
    .where(and(whereClause('generation', f), isNotNull(h.userAccepted)))
    .groupBy(column)
    .orderBy(desc(judged), asc(column));
  return rows.map((r) => ({ ...r, acceptanceRate: r.judged > 0 ? (r.accepted + r.edited) / r.judged : null }));
}

/** Acceptance of judged generations by node type and by model (feedback given with `onexgen feedback`). */
export async function acceptanceStats(db: MetricsDb, input: z.input<typeof filterSchema> = {}): Promise<AcceptanceStats> {
  const f = parseOrThrow(filterSchema, 'acceptance query', input);
  return { byNodeType: await acceptanceBy(db, g.nodeType, f), byModel: await acceptanceBy(db, g.model, f) };
}

export interface PoolSpendRow {
  pool: string;
  /** the pool's period key: 2026-12-05, 2026-W49, 2026-12 or all */
  period: string;
  spentMicroUsd: number;
  /** the amount set with `onexgen budget set` (a pool only in a configuration file has none here) */
  limitMicroUsd: number | null;
  updatedAt: Date;
}

/** Spend per budget pool and period (llm_budget_spend keys `pool:<name>:<period>`), newest period first. */
export async function poolSpend(db: MetricsDb): Promise<PoolSpendRow[]> {
  const rows = rowsOf<{ scope_key: string; spent: number | string; limit: number | string | null; updated_at: string | Date }>(
    await db.execute(sql`
      select s.scope_key, s.spent_micro_usd as spent, p.limit_micro_usd as limit, s.updated_at
        from llm_budget_spend s
        left join llm_budget_pools p on p.name = split_part(s.scope_key, ':', 2)
       where s.scope_key like 'pool:%'
       order by s.updated_at desc, s.scope_key`),
  );
  return rows.map((r) => {
    const [, pool = '', ...period] = r.scope_key.split(':');
    return { pool, period: period.join(':'), spentMicroUsd: Number(r.spent), limitMicroUsd: r.limit === null ? null : Number(r.limit), updatedAt: new Date(r.updated_at) };
  });
}
