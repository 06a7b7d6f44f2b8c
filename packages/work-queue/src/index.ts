// Public entry of @onexgen/work-queue: one onexgen run spread over many worker processes through
// pg-boss on the user's PostgreSQL, with every result committed exactly once.
export { openWorkQueue, METHOD_QUEUE } from './open-queue.js';
export type { WorkQueue } from './open-queue.js';
export { enqueueRun } from './enqueue-run.js';
export { startWorker } from './worker.js';
export type { MethodJob, NodeJob, WorkerHandlers, WorkerOptions } from './worker.js';
export { commitMethod, commitMethods, commitNode, nodesReady } from './commit.js';
export type { EffectsWriter, MethodCommit, NodeCommit, PendingMethodCommit } from './commit.js';
export { getRun, getNodes, getMethodResults } from './run-records.js';
export { runStatus, waitForRun } from './status.js';
export type { RunStatus } from './status.js';
export { WorkQueueError } from './errors.js';
export { createAttemptLedger } from './attempt-ledger.js';
export type { AttemptLedger } from './attempt-ledger.js';
