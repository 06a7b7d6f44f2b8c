// `generate --queue`: the run's nodes and methods become rows (what must be done) and pg-boss jobs
// (who does it): one job per method, and one per node that has no methods; a node with methods gets
// its assembly job from the worker that commits its last method.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { WorkQueueError } from './errors.js';
import { METHOD_QUEUE, NODE_QUEUE, type WorkQueue } from './open-queue.js';
import { queueNodes, queueRuns } from './schema/queue-tables.js';
import { stableUuid } from './stable-id.js';

const nodeSchema = z
  .object({
    key: z.string().min(1).max(200),
    methods: z.array(z.string().min(1).max(200)),
    input: z.unknown(),
  })
  .refine((n) => new Set(n.methods).size === n.methods.length, { message: 'a method is listed twice', path: ['methods'] });

const runSchema = z
  .object({
    runId: z.uuid().optional(),
    options: z.unknown(),
    nodes: z.array(nodeSchema).min(1),
    /** how many times a job is handed out again after its worker failed or died (default 3) */
    retryLimit: z.number().int().min(0).max(20).default(3),
    /** a job whose worker has not finished it after this long is handed to another (default 900 s) */
    jobExpireSeconds: z.number().int().min(1).max(86_400).default(900),
  })
  .refine((r) => new Set(r.nodes.map((n) => n.key)).size === r.nodes.length, { message: 'two nodes share a key', path: ['nodes'] });

export type RunToEnqueue = z.input<typeof runSchema>;

export interface MethodJobData {
  runId: string;
  nodeKey: string;
  method: string;
}
export interface NodeJobData {
  runId: string;
  nodeKey: string;
}

export function methodJobId(runId: string, nodeKey: string, method: string): string {
  return stableUuid(runId, 'method', nodeKey, method);
}
export function nodeJobId(runId: string, nodeKey: string): string {
  return stableUuid(runId, 'node', nodeKey);
}

const INSERT_CHUNK = 500;

/** Records the run and enqueues its jobs; returns the run id. Enqueuing the same run id again adds nothing. */
export async function enqueueRun(queue: WorkQueue, input: RunToEnqueue): Promise<string> {
  const parsed = runSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new WorkQueueError('INVALID_RUN', `run.${issue.path.join('.')}: ${issue.message}`);
  }
  const run = parsed.data;
  const runId = run.runId ?? randomUUID();
  const methodsTotal = run.nodes.reduce((n, node) => n + node.methods.length, 0);
  await queue.handle.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(queueRuns)
      .values({ runId, options: run.options ?? {}, nodesTotal: run.nodes.length, methodsTotal, retryLimit: run.retryLimit, jobExpireSeconds: run.jobExpireSeconds })
      .onConflictDoNothing()
      .returning({ runId: queueRuns.runId });
    if (inserted.length === 0) return;
    const rows = run.nodes.map((n, position) => ({ runId, nodeKey: n.key, position, methods: n.methods, input: n.input ?? {} }));
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) await tx.insert(queueNodes).values(rows.slice(i, i + INSERT_CHUNK));
  });
  const common = { retryLimit: run.retryLimit, expireInSeconds: run.jobExpireSeconds };
  const jobs: { id: string; name: string; data: object; retryLimit: number; expireInSeconds: number }[] = [];
  for (const node of run.nodes) {
    if (node.methods.length === 0) {
      jobs.push({ id: nodeJobId(runId, node.key), name: NODE_QUEUE, data: { runId, nodeKey: node.key } satisfies NodeJobData, ...common });
    }
    for (const method of node.methods) {
      jobs.push({ id: methodJobId(runId, node.key, method), name: METHOD_QUEUE, data: { runId, nodeKey: node.key, method } satisfies MethodJobData, ...common });
    }
  }
  for (let i = 0; i < jobs.length; i += INSERT_CHUNK) await queue.boss.insert(jobs.slice(i, i + INSERT_CHUNK));
  return runId;
}
