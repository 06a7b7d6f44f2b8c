// Public entry of the `onexgen` package (apps/orchestrator): the CLI and the pieces it is made of, for programs and
// benchmarks that run the pipeline without a child process.
export const PACKAGE_NAME = 'onexgen';

export { runCli, buildProgram, VERSION } from './cli/program.js';
export type { CliIO } from './cli/io.js';
export { OnexgenError, type OnexgenErrorCode, type ExitCode } from './errors.js';

export { loadSpecFile, parseSpecText, formatPath } from './spec/load-spec.js';

export { renderSkeleton, type Skeleton, type SkeletonFile } from './skeleton/render-skeleton.js';

export { loadConfig, methodConfig, type LoadedConfig, type LoadConfigOptions, type MethodConfig } from './config/load-config.js';
export { ConfigLayerSchema, DEFAULTS, type ConfigLayer, type ResolvedConfig } from './config/schema.js';

export { openSession, type OpenSessionOptions, type OpenedSession } from './pipeline/open-session.js';
export { runNodes, type SpecJob, type FileJob } from './pipeline/run-nodes.js';
export { exitCodeOf, totalsOf, type MethodOutcome, type NodeOutcome, type RunOutcome, type Strategy } from './pipeline/outcome.js';
export type { ProgressEvent, ProgressSink, Stage } from './pipeline/progress-events.js';
