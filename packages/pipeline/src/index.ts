// Public entry of @onexgen/pipeline: what a program composes to turn node specs and stubbed node
// files into written nodes — open a session, run the nodes, read the outcome.
export { openSession, openDatabaseFor, type LlmSetup, type OpenSessionOptions, type OpenedSession } from './session/open-session.js';
export type { Session } from './session/session.js';
export { silentProgress, type ProgressEvent, type ProgressSink, type Stage } from './session/progress-events.js';
export { methodConfig, type MethodConfig, type RunConfig } from './run-config.js';
export { loadReferenceIndex } from './session/references.js';
export { RunTrace } from './session/run-trace.js';
export { effectivePools } from './session/pools.js';
export { budgetStoreFor } from './model/store-bridges.js';

export { runNodes, defaultFilledPath, type SpecJob, type FileJob } from './node/run-nodes.js';
export { specInput, fileInput, type NodeInput, type FileInputOptions } from './node/node-inputs.js';
export { fileInputAsync } from './node/file-input-async.js';
export { fileFactsAsync } from './node/file-facts-async.js';
export type { FileFacts } from './node/file-facts.js';
export { methodInfo } from './method/node-context.js';
export { buildMethodContext } from './method/llm-loop.js';

export { exitCodeOf, totalsOf, FELL_BACK, type MethodOutcome, type NodeOutcome, type RunOutcome, type Strategy } from './outcome/outcome.js';
export { describeStop, stopOf } from './outcome/stop-reason.js';

export { queueHandlers } from './queue/queue-handlers.js';

export { renderSkeleton, type Skeleton, type SkeletonFile } from './skeleton/render-skeleton.js';
export { checkGeneratedPackage, packageCheckProfile } from './skeleton/check-package.js';

export { OnexgenError, type OnexgenErrorCode, type ExitCode } from './errors.js';
