// Public entry of @onexgen/work-queue: one onexgen run spread over many worker processes through
// pg-boss on the user's PostgreSQL, with every result committed exactly once.
export { openWorkQueue, METHOD_QUEUE, NODE_QUEUE } from './open-queue.js';
export type { OpenWorkQueueOptions, WorkQueue } from './open-queue.js';
export { enqueueRun, methodJobId, nodeJobId } from './enqueue-run.js';
export type { RunToEnqueue, MethodJobData, NodeJobData } from './enqueue-run.js';
export { startWorker } from './worker.js';
export type { MethodJob, NodeJob, RunningWorker, WorkerEvent, WorkerHandlers, WorkerOptions } from './worker.js';
export { commitMethod, commitNode } from './commit.js';
export type { MethodCommit, MethodKey, NodeCommit } from './commit.js';
export { getRun, getNodes, getMethodResults } from './run-records.js';
export type { MethodResultRecord, NodeRecord, RunRecord } from './run-records.js';
export { runStatus, waitForRun } from './status.js';
export type { RunStatus } from './status.js';
export { queueRuns, queueNodes, queueMethodResults, RUN_STATES } from './schema/queue-tables.js';
export { WorkQueueError } from './errors.js';
export type { WorkQueueErrorCode } from './errors.js';
export { createAttemptLedger, WORKER_LOST } from './attempt-ledger.js';
export type { AttemptLedger, AttemptStartRow } from './attempt-ledger.js';
