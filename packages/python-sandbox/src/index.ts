// Public entry of @onexgen/python-sandbox: run a node method's spec examples in a sandboxed child
// Python against an ONEX test runtime (the bundled omnibase_core stand-in, or the real one).
export { createSandbox, NETWORK_NOT_ISOLATED, RUNS_AS_ROOT, type Sandbox } from './sandbox.js';
export { DEFAULT_LIMITS, type SandboxLimits, type SandboxOptions, type RunMethodInput } from './options.js';
export type { ExampleError, ExampleOutcome, ExampleResult, MethodRun, PythonInfo, RecordedCall } from './results.js';
export { SandboxError, type SandboxErrorCode } from './errors.js';
export { MIN_PYTHON } from './find-python.js';
export { RUNTIME_DIR, STAND_IN_DIR } from './runtime-dir.js';
