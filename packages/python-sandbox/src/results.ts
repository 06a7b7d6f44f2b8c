// What a run returns. Plain data (JSON-serialisable) so callers can store it as it is.
import type { MethodExample } from '@onexgen/onex';

export type ExampleOutcome = 'passed' | 'failed' | 'raised' | 'timeout' | 'crash';

export interface ExampleError {
  /** Exception class (`ValueError`, `omnibase_core.models.errors.model_onex_error.ModelOnexError`), or `Timeout` / `Crash`. */
  type: string;
  /** The EnumCoreErrorCode member name when the exception carried an error_code. */
  code?: string;
  message: string;
  /**
   * Where an exception came from: `import` (the package did not import: a missing dependency such
   * as pydantic, or a broken module), `construct` (the node's __init__ or the conversion of
   * `given`), `call` (the method body). Absent for timeouts and crashes.
   */
  phase?: 'import' | 'construct' | 'call';
}

export interface RecordedCall {
  /** The service name the node asked its container for (`database_pool`, …). */
  double: string;
  method: string;
  args: unknown[];
  kwargs?: Record<string, unknown>;
}

export interface ExampleResult {
  index: number;
  name?: string;
  outcome: ExampleOutcome;
  given: MethodExample['given'];
  /** The example's `expect` (value examples). */
  expected?: unknown;
  /** The example's `raises` (exception examples). */
  expectedRaises?: string;
  /** repr of the returned value after model_dump/dataclass conversion, truncated. */
  actual?: string;
  error?: ExampleError;
  durationMs: number;
  /** Calls the node made on its recording doubles (effect I/O), in order. */
  calls?: RecordedCall[];
}

export interface PythonInfo {
  path: string;
  version: string;
}

export interface MethodRun {
  status: 'ran' | 'unavailable';
  /** Why the run could not happen (status `unavailable`). */
  unavailableReason?: string;
  networkIsolated: boolean;
  runtime: 'stand-in' | 'real';
  results: ExampleResult[];
  passed: number;
  /** Every example that did not pass (failed, raised, timeout, crash). */
  failed: number;
  durationMs: number;
  python?: PythonInfo;
  /** The child's stdout and stderr, truncated at limits.outputBytes. */
  output?: string;
  /** Things the caller should know about how it ran, e.g. "network not isolated". */
  notes: string[];
}
