// Provider requests accounted for even when a worker dies mid-request. Before each HTTP request
// (llm-effect's beforeAttempt) a row goes into llm_call_attempts saying the request went out and no
// answer was recorded (`cancelled`, error class `worker_lost`); the attempt's event then replaces it
// with the real outcome. A worker SIGKILLed mid-request leaves the first row: one row per request
// the provider saw, never one missing. Rows are keyed (correlation, call, attempt) and the app gives
// each job attempt its own correlation id, so a retried job never overwrites the rows of the last.
import { attemptInput, callAttempts, type AttemptInput, type MetricsDb } from '@onexgen/metrics';

export const WORKER_LOST = 'worker_lost';

export interface AttemptStartRow {
  correlationId: string;
  callNumber: number;
  attempt: number;
  provider: string;
  model: string;
  tier?: string;
  nodeType?: AttemptInput['nodeType'];
}

export interface AttemptLedger {
  started(row: AttemptStartRow): Promise<void>;
  finished(row: AttemptInput): Promise<void>;
}

export function createAttemptLedger(db: MetricsDb): AttemptLedger {
  return {
    async started(row) {
      const parsed = attemptInput.parse({ ...row, status: 'cancelled', errorClass: WORKER_LOST, latencyMs: 0 });
      await db.insert(callAttempts).values(parsed).onConflictDoNothing();
    },
    async finished(row) {
      const parsed = attemptInput.parse(row);
      const { id: _id, createdAt: _createdAt, correlationId: _c, callNumber: _n, attempt: _a, ...given } = parsed;
      // columns the outcome leaves out must not keep the write-ahead row's values
      const outcome = { errorClass: null, httpStatus: null, timeToFirstTokenMs: null, ...given };
      await db
        .insert(callAttempts)
        .values(parsed)
        .onConflictDoUpdate({ target: [callAttempts.correlationId, callAttempts.callNumber, callAttempts.attempt], set: outcome });
    },
  };
}
