// Exactly-once effects. A method's result and the records that describe it (generation rows, …)
// commit in ONE transaction whose first statement inserts the result keyed (run, node, method):
// a second worker that finished the same method (its job expired and was handed out again) loses
// the insert and writes nothing. A node's result is set once the same way.
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { MetricsDb } from '@onexgen/metrics';
import { rowsOf } from './rows.js';
import { queueMethodResults, queueNodes, queueRuns } from './schema/queue-tables.js';

export interface MethodKey {
  runId: string;
  nodeKey: string;
  method: string;
}

export interface MethodCommit {
  ok: boolean;
  result: unknown;
  /** writes that must happen exactly once with the result, given the transaction */
  effects?: (db: MetricsDb) => Promise<void>;
}

/** true when this call committed the result; false when another attempt had already. */
export async function commitMethod(db: MetricsDb, key: MethodKey, jobAttempt: number, worker: string, commit: MethodCommit): Promise<boolean> {
  return db.transaction(async (tx) => {
    const won = await tx
      .insert(queueMethodResults)
      .values({ ...key, jobAttempt, ok: commit.ok, result: commit.result ?? null, worker })
      .onConflictDoNothing()
      .returning({ method: queueMethodResults.method });
    if (won.length === 0) return false;
    if (commit.effects) await commit.effects(tx);
    return true;
  });
}

export async function methodCommitted(db: MetricsDb, key: MethodKey): Promise<boolean> {
  const rows = await db
    .select({ m: queueMethodResults.method })
    .from(queueMethodResults)
    .where(and(eq(queueMethodResults.runId, key.runId), eq(queueMethodResults.nodeKey, key.nodeKey), eq(queueMethodResults.method, key.method)));
  return rows.length > 0;
}

/** Every method of the node has a committed result (and the node none yet). */
export async function nodeReady(db: MetricsDb, runId: string, nodeKey: string): Promise<boolean> {
  // written out with explicit aliases: drizzle leaves single-table column references unqualified,
  // which inside the sub-select would bind to the results table itself
  const rows = rowsOf<{ ready: boolean }>(
    await db.execute(sql`
      select n.result is null
         and (select count(*) from queue_method_results r where r.run_id = n.run_id and r.node_key = n.node_key)
             >= jsonb_array_length(n.methods) as ready
      from queue_nodes n
      where n.run_id = ${runId} and n.node_key = ${nodeKey}`),
  );
  return rows[0]?.ready === true;
}

export interface NodeCommit {
  result: unknown;
}

/** Sets the node's result once; closes the run when it was the last node. false when already set. */
export async function commitNode(db: MetricsDb, runId: string, nodeKey: string, worker: string, commit: NodeCommit): Promise<boolean> {
  return db.transaction(async (tx) => {
    // one node commit per run at a time, so the last one always sees every other node's result
    await tx.execute(sql`select 1 from ${queueRuns} where ${queueRuns.runId} = ${runId} for update`);
    const set = await tx
      .update(queueNodes)
      .set({ result: commit.result ?? null, assembledBy: worker, assembledAt: sql`now()` })
      .where(and(eq(queueNodes.runId, runId), eq(queueNodes.nodeKey, nodeKey), isNull(queueNodes.result)))
      .returning({ key: queueNodes.nodeKey });
    if (set.length === 0) return false;
    await tx.execute(sql`
      update queue_runs set state = 'done', finished_at = now()
      where run_id = ${runId} and state = 'queued'
        and not exists (select 1 from queue_nodes n where n.run_id = ${runId} and n.result is null)`);
    return true;
  });
}
