// Public entry of the `onexgen` package (apps/orchestrator): the CLI, and the few pieces a program
// or benchmark needs to run the pipeline without a child process (configuration cascade and a session for it).
export const PACKAGE_NAME = 'onexgen';

export { runCli } from './cli/program.js';
export { OnexgenError, type OnexgenErrorCode, type ExitCode } from '@onexgen/pipeline/errors';

export { loadSpecFile, parseSpecText } from './spec/load-spec.js';

export { loadConfig } from './config/load-config.js';

export { openRunSession as openSession, type OpenRunSessionOptions as OpenSessionOptions } from './run/open-run-session.js';
export { runNodes, renderSkeleton, methodConfig, exitCodeOf, totalsOf } from '@onexgen/pipeline';
export type { FileJob, MethodConfig, MethodOutcome, NodeOutcome, OpenedSession, ProgressEvent, ProgressSink, RunOutcome, Skeleton, SkeletonFile, SpecJob, Stage, Strategy } from '@onexgen/pipeline';
