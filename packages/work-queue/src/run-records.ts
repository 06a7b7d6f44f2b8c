// Reading a run back: its options, its nodes' inputs and results (in input order), its methods'
// committed results. Runs never change after enqueue except for results, so workers cache them.
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { MetricsDb } from '@onexgen/metrics';
import { WorkQueueError } from './errors.js';
import { queueMethodResults, queueNodes, queueRuns } from './schema/queue-tables.js';

export interface RunRecord {
  runId: string;
  state: string;
  options: unknown;
  nodesTotal: number;
  methodsTotal: number;
  retryLimit: number;
  jobExpireSeconds: number;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface NodeRecord {
  nodeKey: string;
  position: number;
  methods: string[];
  input: unknown;
  result: unknown;
  assembledBy: string | null;
}

export interface MethodResultRecord {
  method: string;
  ok: boolean;
  result: unknown;
  jobAttempt: number;
  worker: string;
}

export async function getRun(db: MetricsDb, runId: string): Promise<RunRecord> {
  const rows = await db.select().from(queueRuns).where(eq(queueRuns.runId, runId));
  const row = rows[0];
  if (!row) throw new WorkQueueError('UNKNOWN_RUN', `no queued run ${runId} in this database`);
  return row;
}

export async function getNodes(db: MetricsDb, runId: string): Promise<NodeRecord[]> {
  return db
    .select({
      nodeKey: queueNodes.nodeKey,
      position: queueNodes.position,
      methods: queueNodes.methods,
      input: queueNodes.input,
      result: queueNodes.result,
      assembledBy: queueNodes.assembledBy,
    })
    .from(queueNodes)
    .where(eq(queueNodes.runId, runId))
    .orderBy(asc(queueNodes.position));
}

/** Whether the node already has its result (one row's flag, not the run's nodes with their results). */
export async function nodeAssembled(db: MetricsDb, runId: string, nodeKey: string): Promise<boolean> {
  const rows = await db
    .select({ nodeKey: queueNodes.nodeKey })
    .from(queueNodes)
    .where(and(eq(queueNodes.runId, runId), eq(queueNodes.nodeKey, nodeKey), isNotNull(queueNodes.result)));
  return rows.length > 0;
}

/** The node's committed method results, in the order the node lists its methods. */
export async function getMethodResults(db: MetricsDb, runId: string, node: Pick<NodeRecord, 'nodeKey' | 'methods'>): Promise<MethodResultRecord[]> {
  const rows = await db
    .select({
      method: queueMethodResults.method,
      ok: queueMethodResults.ok,
      result: queueMethodResults.result,
      jobAttempt: queueMethodResults.jobAttempt,
      worker: queueMethodResults.worker,
    })
    .from(queueMethodResults)
    .where(and(eq(queueMethodResults.runId, runId), eq(queueMethodResults.nodeKey, node.nodeKey)));
  const byName = new Map(rows.map((r) => [r.method, r]));
  return node.methods.map((m) => byName.get(m)).filter((r): r is MethodResultRecord => r !== undefined);
}
