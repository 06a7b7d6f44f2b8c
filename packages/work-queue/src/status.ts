// `onexgen status RUN_ID`: progress from the queue's tables (what is committed) and pg-boss's job
// table (what is waiting, running, being retried or has failed for good).
import { sql } from 'drizzle-orm';
import type { MetricsDb } from '@onexgen/metrics';
import { WorkQueueError } from './errors.js';
import { rowsOf } from './rows.js';
import { getRun } from './run-records.js';
import { queueMethodResults, queueNodes } from './schema/queue-tables.js';

export interface RunStatus {
  runId: string;
  /** queued: work remains; done: every node has its result */
  state: string;
  createdAt: Date;
  finishedAt: Date | null;
  nodes: { total: number; done: number };
  methods: { total: number; done: number; failed: number };
  /** pg-boss job states of this run (created, retry, active, completed, failed, cancelled) */
  jobs: Record<string, number>;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function runStatus(db: MetricsDb, runId: string, options: { bossSchema?: string } = {}): Promise<RunStatus> {
  const schema = options.bossSchema ?? 'pgboss';
  if (!SCHEMA_NAME.test(schema)) throw new WorkQueueError('QUEUE_FAILED', `schema: "${schema}" is not a plain lower-case identifier`);
  const run = await getRun(db, runId);
  const [methods] = await db
    .select({ done: sql<number>`count(*)::int`, failed: sql<number>`count(*) filter (where not ${queueMethodResults.ok})::int` })
    .from(queueMethodResults)
    .where(sql`${queueMethodResults.runId} = ${runId}`);
  const [nodes] = await db
    .select({ done: sql<number>`count(*) filter (where ${queueNodes.result} is not null)::int` })
    .from(queueNodes)
    .where(sql`${queueNodes.runId} = ${runId}`);
  const jobs: Record<string, number> = {};
  // pg-boss may not be installed in this database yet (nothing was ever queued through it)
  const installed = await db.execute(sql`select to_regclass(${`${schema}.job`}) is not null as ok`);
  if ((rowsOf<{ ok: boolean }>(installed)[0]?.ok ?? false) === true) {
    const res = await db.execute(sql`select state::text as state, count(*)::int as n from ${sql.identifier(schema)}.job where data->>'runId' = ${runId} group by state`);
    for (const r of rowsOf<{ state: string; n: number }>(res)) jobs[r.state] = Number(r.n);
  }
  return {
    runId,
    state: run.state,
    createdAt: run.createdAt,
    finishedAt: run.finishedAt,
    nodes: { total: run.nodesTotal, done: Number(nodes?.done ?? 0) },
    methods: { total: run.methodsTotal, done: Number(methods?.done ?? 0), failed: Number(methods?.failed ?? 0) },
    jobs,
  };
}

/** Polls until the run is done (or the signal aborts); calls onStatus on every change. */
export async function waitForRun(
  db: MetricsDb,
  runId: string,
  options: { intervalMs?: number; signal?: AbortSignal; onStatus?: (s: RunStatus) => void; bossSchema?: string } = {},
): Promise<RunStatus> {
  let last = '';
  for (;;) {
    const status = await runStatus(db, runId, options.bossSchema ? { bossSchema: options.bossSchema } : {});
    const shown = JSON.stringify([status.nodes, status.methods, status.jobs]);
    if (shown !== last) {
      last = shown;
      options.onStatus?.(status);
    }
    if (status.state !== 'queued') return status;
    if (options.signal?.aborted) throw options.signal.reason;
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 500));
  }
}
