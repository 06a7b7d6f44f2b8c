// Exactly-once effects. A method's result and the records that describe it (generation rows, …)
// commit in ONE transaction whose first statement inserts the result keyed (run, node, method):
// a second worker that finished the same method (its job expired and was handed out again) loses
// the insert and writes nothing. A node's result is set once the same way.
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { MetricsDb } from '@onexgen/metrics';
import { rowsOf } from './rows.js';
import { queueMethodResults, queueNodes } from './schema/queue-tables.js';

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

/** Writes several winners' effects inside the transaction (default: each one's `effects` in turn). */
export type EffectsWriter = (tx: MetricsDb, commits: readonly MethodCommit[]) => Promise<void>;

export interface PendingMethodCommit {
  key: MethodKey;
  jobAttempt: number;
  commit: MethodCommit;
}

const eachInTurn: EffectsWriter = async (tx, commits) => {
  for (const c of commits) await c.effects?.(tx);
};

/** How `nodesReady` names a node: run id and node key. */
export const nodeRef = (runId: string, nodeKey: string): string => `${runId}\u0000${nodeKey}`;

const keyOf = (k: MethodKey) => `${nodeRef(k.runId, k.nodeKey)}\u0000${k.method}`;

/** true when this call committed the result; false when another attempt had already. */
export async function commitMethod(db: MetricsDb, key: MethodKey, jobAttempt: number, worker: string, commit: MethodCommit): Promise<boolean> {
  const [won] = await commitMethods(db, [{ key, jobAttempt, commit }], worker);
  return won === true;
}

/**
 * Several methods' results in ONE transaction: one multi-row insert keyed (run, node, method), then
 * the winners' effects. Per entry: true when it committed, false when another attempt had (or an
 * earlier entry of the same batch holds the same key).
 */
export async function commitMethods(db: MetricsDb, entries: readonly PendingMethodCommit[], worker: string, writeEffects: EffectsWriter = eachInTurn): Promise<boolean[]> {
  if (entries.length === 0) return [];
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(queueMethodResults)
      .values(entries.map((e) => ({ ...e.key, jobAttempt: e.jobAttempt, ok: e.commit.ok, result: e.commit.result ?? null, worker })))
      .onConflictDoNothing()
      .returning({ runId: queueMethodResults.runId, nodeKey: queueMethodResults.nodeKey, method: queueMethodResults.method });
    const unclaimed = new Set(inserted.map(keyOf));
    // a key's row is the first entry's: a second entry with that key in the batch lost to it
    const won = entries.map((e) => unclaimed.delete(keyOf(e.key)));
    const winners = entries.filter((e, i) => won[i] && e.commit.effects).map((e) => e.commit);
    if (winners.length > 0) await writeEffects(tx, winners);
    return won;
  });
}

export async function methodCommitted(db: MetricsDb, key: MethodKey): Promise<boolean> {
  const rows = await db
    .select({ m: queueMethodResults.method })
    .from(queueMethodResults)
    .where(and(eq(queueMethodResults.runId, key.runId), eq(queueMethodResults.nodeKey, key.nodeKey), eq(queueMethodResults.method, key.method)));
  return rows.length > 0;
}

/** Of these nodes, the ones whose every method has a committed result and no result of their own yet (`nodeRef`s). */
export async function nodesReady(db: MetricsDb, nodes: readonly { runId: string; nodeKey: string }[]): Promise<Set<string>> {
  if (nodes.length === 0) return new Set();
  const wanted = sql.join(
    nodes.map((n) => sql`(${n.runId}::uuid, ${n.nodeKey}::text)`),
    sql`, `,
  );
  // written out with explicit aliases: drizzle leaves single-table column references unqualified,
  // which inside the sub-select would bind to the results table itself
  const rows = rowsOf<{ run_id: string; node_key: string }>(
    await db.execute(sql`
      select n.run_id::text as run_id, n.node_key
      from queue_nodes n
      where (n.run_id, n.node_key) in (${wanted})
        and n.result is null
        and (select count(*) from queue_method_results r where r.run_id = n.run_id and r.node_key = n.node_key)
            >= jsonb_array_length(n.methods)`),
  );
  return new Set(rows.map((r) => nodeRef(r.run_id, r.node_key)));
}

export interface NodeCommit {
  result: unknown;
}

/**
 * Sets the node's result once; closes the run when it was the last node. false when already set.
 *
 * Two statements, each committed on its own, and no lock on the run: the node whose result commits
 * last runs its closing statement after every other result has committed (READ COMMITTED gives
 * each statement a snapshot taken when it starts), so it sees no node left open and closes the run;
 * an earlier one may close it too, which the `state = 'queued'` condition makes harmless. The
 * closing statement runs even when the result was already set: an assembly that died between the
 * two is retried, and its retry closes the run (the worker's node job calls closeRunIfComplete when
 * it finds the result written). (It was one transaction that first locked the
 * run's row: every node commit of a run then waited for the one before it, held across that
 * worker's event-loop turns: queue-bench, pg_stat_statements, 30 ms mean per node commit with one
 * worker; locking with FOR NO KEY UPDATE instead, tried first, 50 ms with one and 127 ms with two.)
 */
export async function commitNode(db: MetricsDb, runId: string, nodeKey: string, worker: string, commit: NodeCommit): Promise<boolean> {
  const set = await db
    .update(queueNodes)
    .set({ result: commit.result ?? null, assembledBy: worker, assembledAt: sql`now()` })
    .where(and(eq(queueNodes.runId, runId), eq(queueNodes.nodeKey, nodeKey), isNull(queueNodes.result)))
    .returning({ key: queueNodes.nodeKey });
  await closeRunIfComplete(db, runId);
  return set.length > 0;
}

/**
 * Marks the run done when none of its nodes is left without a result (see commitNode); harmless
 * when it is already done or still has open nodes. A node job that finds its result already written
 * (its first attempt died after writing it) runs this instead of assembling again.
 */
export async function closeRunIfComplete(db: MetricsDb, runId: string): Promise<void> {
  await db.execute(sql`
    update queue_runs set state = 'done', finished_at = now()
    where run_id = ${runId} and state = 'queued'
      and not exists (select 1 from queue_nodes n where n.run_id = ${runId} and n.result is null)`);
}
