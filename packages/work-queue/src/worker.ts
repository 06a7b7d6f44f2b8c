// A worker: takes method and node jobs from pg-boss and runs them through the handlers the app
// gives, up to `concurrency` at once. Its own fetch loop over pg-boss's fetch/complete/fail (rather
// than boss.work(), whose loops wait out their polling interval after every job) so a free slot is
// refilled at once and the poll interval only applies to an empty queue.
//
// stop(): no new jobs; in-flight ones get `drainMs` to finish, then their signal aborts and they are
// failed back to pg-boss (handed to another worker: each release uses one retry).
import { hostname } from 'node:os';
import type PgBoss from 'pg-boss';
import { closeRunIfComplete, commitMethods, commitNode, methodCommitted, nodeRef, nodesReady, type EffectsWriter, type MethodCommit, type NodeCommit, type PendingMethodCommit } from './commit.js';
import { nodeJobId, type MethodJobData, type NodeJobData } from './enqueue-run.js';
import { grouped } from './grouped.js';
import { METHOD_QUEUE, NODE_QUEUE, type WorkQueue } from './open-queue.js';
import { getMethodResults, getNodes, getRun, nodeAssembled, type MethodResultRecord, type NodeRecord, type RunRecord } from './run-records.js';

export interface MethodJob {
  runId: string;
  nodeKey: string;
  method: string;
  /** pg-boss's retry count: 0 on the first attempt */
  jobAttempt: number;
  run: RunRecord;
  node: NodeRecord;
  /** aborted when the worker stops and the drain time is over */
  signal: AbortSignal;
}

export interface NodeJob {
  runId: string;
  nodeKey: string;
  run: RunRecord;
  node: NodeRecord;
  /** every method's committed result, in the node's method order */
  methods: MethodResultRecord[];
  signal: AbortSignal;
}

export interface WorkerHandlers {
  method(job: MethodJob): Promise<MethodCommit>;
  node(job: NodeJob): Promise<NodeCommit>;
  /** what is committed for a job that failed on its last attempt (default `{ error: { code: 'JOB_FAILED', message } }`) */
  gaveUp?(err: unknown, job: { kind: 'method' | 'node'; runId: string; nodeKey: string; method?: string }): unknown;
  /**
   * Writes several committed methods' effects at once (their results commit in groups: grouped.ts),
   * e.g. one insert per kind of record for all of them; default: each commit's `effects` in turn.
   */
  writeEffects?: EffectsWriter;
}

export type WorkerEvent =
  | { type: 'method'; runId: string; nodeKey: string; method: string; committed: boolean; skipped: boolean }
  | { type: 'node'; runId: string; nodeKey: string; committed: boolean }
  | { type: 'job-error'; queue: string; jobId: string; message: string; willRetry: boolean };

export interface WorkerOptions {
  /** jobs in flight at once (default 1) */
  concurrency?: number;
  /** names the worker in result rows (default host:pid) */
  workerId?: string;
  /** how long an empty queue is left before asking again (default 500 ms) */
  pollIntervalMs?: number;
  onEvent?: (event: WorkerEvent) => void;
}

export interface RunningWorker {
  id: string;
  readonly inFlight: number;
  /** resolves when every job it took is finished or released */
  stop(options?: { drainMs?: number }): Promise<{ finished: number; released: number }>;
}

/** after the drain time and the abort, how long handlers get to notice before their jobs are released */
const RELEASE_GRACE_MS = 5_000;

interface RunCache {
  run: RunRecord;
  nodes: Map<string, NodeRecord>;
}

export function startWorker(queue: WorkQueue, handlers: WorkerHandlers, options: WorkerOptions = {}): RunningWorker {
  const { boss } = queue;
  const db = queue.handle.db;
  const id = options.workerId ?? `${hostname()}:${process.pid}`;
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const pollMs = Math.max(50, options.pollIntervalMs ?? 500);
  const emit = options.onEvent ?? (() => {});
  const abort = new AbortController();
  const runs = new Map<string, Promise<RunCache>>();
  const inFlight = new Map<Promise<void>, { name: string; id: string }>();
  let stopping = false;
  let released = 0;
  let finished = 0;
  let wake: (() => void) | undefined;
  const nap = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(t);
        resolve();
      };
    });

  const settledWithin = (ms: number): Promise<boolean> =>
    Promise.race([
      Promise.all([...inFlight.keys()]).then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms).unref()),
    ]);

  const runOf = (runId: string): Promise<RunCache> => {
    let cached = runs.get(runId);
    if (!cached) {
      cached = Promise.all([getRun(db, runId), getNodes(db, runId)]).then(([run, nodes]) => ({ run, nodes: new Map(nodes.map((n) => [n.nodeKey, n])) }));
      cached.catch(() => runs.delete(runId));
      runs.set(runId, cached);
    }
    return cached;
  };

  // group commit (grouped.ts): what finishes while a batch is in flight goes in the next one
  const commitGroup = grouped((entries: PendingMethodCommit[]) => commitMethods(db, entries, id, handlers.writeEffects));
  const readyGroup = grouped(async (keys: { runId: string; nodeKey: string }[]) => {
    const ready = await nodesReady(db, keys);
    // one caller per ready node enqueues its assembly (the fixed job id would absorb the others)
    return keys.map((k) => ready.delete(nodeRef(k.runId, k.nodeKey)));
  });
  const completeGroups = new Map(
    [METHOD_QUEUE, NODE_QUEUE].map((name) => [
      name,
      grouped(async (ids: string[]) => {
        await boss.complete(name, ids);
        return ids.map(() => undefined);
      }),
    ]),
  );

  const gaveUp = (err: unknown, job: Parameters<NonNullable<WorkerHandlers['gaveUp']>>[1]) =>
    handlers.gaveUp?.(err, job) ?? { error: { code: 'JOB_FAILED', message: err instanceof Error ? err.message : String(err) } };

  async function onMethod(job: PgBoss.JobWithMetadata<MethodJobData>): Promise<void> {
    const { runId, nodeKey, method } = job.data;
    const key = { runId, nodeKey, method };
    const { run, nodes } = await runOf(runId);
    const node = nodes.get(nodeKey);
    if (!node) throw new Error(`run ${runId} has no node ${nodeKey}`);
    let committed = false;
    // a first attempt has no earlier one that could have committed: only a retry looks
    const skipped = job.retryCount > 0 && (await methodCommitted(db, key));
    if (!skipped) {
      let commit: MethodCommit;
      try {
        commit = await handlers.method({ ...key, jobAttempt: job.retryCount, run, node, signal: abort.signal });
      } catch (err) {
        if (abort.signal.aborted || job.retryCount < job.retryLimit) throw err;
        commit = { ok: false, result: gaveUp(err, { kind: 'method', runId, nodeKey, method }) };
      }
      committed = await commitGroup({ key, jobAttempt: job.retryCount, commit });
    }
    emit({ type: 'method', runId, nodeKey, method, committed, skipped });
    // whoever sees the node's last method committed enqueues its assembly (one job: a fixed id)
    if (await readyGroup({ runId, nodeKey })) {
      await boss.send(NODE_QUEUE, { runId, nodeKey } satisfies NodeJobData, {
        id: nodeJobId(runId, nodeKey),
        retryLimit: run.retryLimit,
        expireInSeconds: run.jobExpireSeconds,
      });
    }
  }

  async function onNode(job: PgBoss.JobWithMetadata<NodeJobData>): Promise<void> {
    const { runId, nodeKey } = job.data;
    const { run, nodes } = await runOf(runId);
    const node = nodes.get(nodeKey);
    if (!node) throw new Error(`run ${runId} has no node ${nodeKey}`);
    if (await nodeAssembled(db, runId, nodeKey)) {
      // assembled before: by another worker, or by an attempt that died before the run was closed
      await closeRunIfComplete(db, runId);
      return emit({ type: 'node', runId, nodeKey, committed: false });
    }
    const methods = await getMethodResults(db, runId, node);
    let commit: NodeCommit;
    try {
      commit = await handlers.node({ runId, nodeKey, run, node, methods, signal: abort.signal });
    } catch (err) {
      if (abort.signal.aborted || job.retryCount < job.retryLimit) throw err;
      commit = { result: gaveUp(err, { kind: 'node', runId, nodeKey }) };
    }
    const committed = await commitNode(db, runId, nodeKey, id, commit);
    emit({ type: 'node', runId, nodeKey, committed });
  }

  function track(name: string, job: PgBoss.JobWithMetadata<MethodJobData | NodeJobData>): void {
    const work = (name === NODE_QUEUE ? onNode(job as PgBoss.JobWithMetadata<NodeJobData>) : onMethod(job as PgBoss.JobWithMetadata<MethodJobData>))
      .then(async () => {
        await completeGroups.get(name)!(job.id);
        finished++;
      })
      .catch(async (err: unknown) => {
        const message = err instanceof Error ? err.message : String(err);
        if (abort.signal.aborted) released++;
        emit({ type: 'job-error', queue: name, jobId: job.id, message, willRetry: job.retryCount < job.retryLimit });
        // failing hands the job back to pg-boss: retried (by anyone) while retries remain
        await boss.fail(name, job.id, { message }).catch(() => {});
      })
      .finally(() => {
        inFlight.delete(work);
        wake?.();
      });
    inFlight.set(work, { name, id: job.id });
  }

  async function loop(): Promise<void> {
    while (!stopping) {
      const free = concurrency - inFlight.size;
      if (free <= 0) {
        await nap(pollMs);
        continue;
      }
      let got = 0;
      try {
        // nodes first: they are few, cheap, and they are what a waiting user sees written
        for (const name of [NODE_QUEUE, METHOD_QUEUE]) {
          const room = concurrency - inFlight.size;
          if (room <= 0 || stopping) break;
          const jobs = await boss.fetch<MethodJobData | NodeJobData>(name, { batchSize: room, includeMetadata: true });
          for (const job of jobs ?? []) track(name, job);
          got += jobs?.length ?? 0;
        }
      } catch (err) {
        emit({ type: 'job-error', queue: 'fetch', jobId: '', message: (err as Error).message, willRetry: true });
      }
      if (got === 0 && !stopping) await nap(pollMs);
    }
  }
  const looping = loop();

  return {
    id,
    get inFlight() {
      return inFlight.size;
    },
    async stop({ drainMs = 30_000 } = {}) {
      stopping = true;
      wake?.();
      await looping;
      if (!(await settledWithin(drainMs))) {
        abort.abort(new Error('worker stopping: job released to another worker'));
        // handlers that honour the signal end now, each failed back to pg-boss as it ends; one
        // that does not is released here and its late result loses the commit to the next taker
        if (!(await settledWithin(RELEASE_GRACE_MS))) {
          for (const [, job] of inFlight) {
            await boss.fail(job.name, job.id, { message: 'worker stopped: job released' }).catch(() => {});
            released++;
          }
        }
      }
      return { finished, released };
    },
  };
}
