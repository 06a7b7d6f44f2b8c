// Public entry of @onexgen/python-sandbox: run a node method's spec examples in a sandboxed child
// Python against an ONEX test runtime (the bundled omnibase_core stand-in, or the real one).
export { createSandbox, type Sandbox } from './sandbox.js';
export type { ExampleError, ExampleResult, MethodRun } from './results.js';
export { SandboxError } from './errors.js';
export { MIN_PYTHON } from './find-python.js';
export { STAND_IN_DIR } from './runtime-dir.js';
