// Everything one run shares: configuration, the warm parser and validator, the pattern catalog,
// the recorder, learning stores, the model caller (absent offline; it holds the run budget) and limits.
// A run is a function of (inputs, this session); no process-global state.
import type { ReferenceIndex } from '@onexgen/context-builder';
import type { MatchQuery, PatternCatalog, PatternMatch } from '@onexgen/pattern-library';
import type { PythonParser, Validator, ValidatorThread } from '@onexgen/response-validator';
import type { SessionSandbox } from './session-sandbox.js';
import type { BulkheadPolicy } from 'cockatiel';
import type { RunConfig } from '../run-config.js';
import type { Learning } from './learning.js';
import type { ModelCaller } from '../model/model-port.js';
import type { ProgressSink } from './progress-events.js';
import type { Recorder } from './recorder.js';
import type { RunTrace } from './run-trace.js';

export interface Session {
  id: string;
  config: RunConfig;
  parser: PythonParser;
  validator: Validator;
  /** the generated package's last gate (security rules only; see checkGeneratedPackage); absent: `validator` */
  packageValidator?: Validator;
  /**
   * the same two validators on a thread of their own ('run' and 'package'), present when the run
   * has several methods in flight through a model (RunConfig.validationThread); session/validation.ts
   * chooses between them
   */
  validatorThread?: ValidatorThread;
  catalog: PatternCatalog;
  /** the context's pattern source: catalog matches scored with learned effectiveness, plus the critical patterns */
  patterns: (query: MatchQuery) => PatternMatch[];
  /** the team's reference nodes (`--references`), absent when none are configured */
  references?: ReferenceIndex;
  recorder: Recorder;
  learning: Learning;
  /** undefined in offline mode */
  model?: ModelCaller;
  /** runs spec examples; one per run, started by the first method with examples, closed with the session (unavailable without Python) */
  sandbox?: SessionSandbox;
  /** caps methods in flight across the whole run */
  methodLimiter: BulkheadPolicy;
  progress: ProgressSink;
  signal?: AbortSignal;
  /** the run's OpenTelemetry trace, when exported */
  trace?: RunTrace;
}
