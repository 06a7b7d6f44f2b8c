// Provider requests accounted for even when a worker dies mid-request. Before each HTTP request
// (llm-effect's beforeAttempt) a row goes into llm_call_attempts saying the request went out and no
// answer was recorded (`cancelled`, error class `worker_lost`); the attempt's event then replaces it
// with the real outcome. A worker SIGKILLed mid-request leaves the first row: one row per request
// the provider saw, never one missing. Rows are keyed (correlation, call, attempt) and the app gives
// each job attempt its own correlation id, so a retried job never overwrites the rows of the last.
//
// Both writes are grouped (grouped.ts): requests that start, or answers that arrive, while a write
// is in flight go together in the next statement. Each caller still waits for its own row to be
// committed (a request goes out only after its row did). They were a worker's two largest
// statements per call (queue-bench, pg_stat_statements: 1,000 of its ~5,800 statements for 500 methods).
// Each is metrics' bulkInsert (the rows as one JSON parameter): the same statement text for any
// number of rows, and none of drizzle's per-cell statement building in the worker.
import { getTableColumns, sql } from 'drizzle-orm';
import { attemptInput, bulkInsert, callAttempts, type AttemptInput, type MetricsDb } from '@onexgen/metrics';
import { grouped } from './grouped.js';

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

const KEY = [callAttempts.correlationId, callAttempts.callNumber, callAttempts.attempt];
const KEPT = new Set(['id', 'createdAt', 'correlationId', 'callNumber', 'attempt']);

/**
 * The outcome replaces every other column of the write-ahead row, each from the row just offered
 * (`excluded`): a column the outcome leaves out takes its default (no error class, no HTTP status),
 * never the write-ahead row's value.
 */
const REPLACE_WITH_OUTCOME = sql.raw(
  `on conflict (${KEY.map((column) => `"${column.name}"`).join(', ')}) do update set ${Object.entries(getTableColumns(callAttempts))
    .filter(([key]) => !KEPT.has(key))
    .map(([, column]) => `"${column.name}" = excluded."${column.name}"`)
    .join(', ')}`,
);

/** A validated attempt row, as it is inserted. */
type AttemptRow = ReturnType<typeof attemptInput.parse>;

const keyOf = (row: { correlationId: string; callNumber: number; attempt: number }) => `${row.correlationId}/${row.callNumber}/${row.attempt}`;

export function createAttemptLedger(db: MetricsDb): AttemptLedger {
  const starts = grouped(async (rows: AttemptRow[]) => {
    // a key twice in one statement: DO NOTHING keeps the first, as two statements would
    await bulkInsert(db, callAttempts, rows);
    return rows.map(() => undefined);
  });
  const finishes = grouped(async (rows: AttemptRow[]) => {
    // DO UPDATE may not touch a row twice in one statement: the last outcome offered for a key wins
    const latest = [...new Map(rows.map((row) => [keyOf(row), row])).values()];
    await bulkInsert(db, callAttempts, latest, REPLACE_WITH_OUTCOME);
    return rows.map(() => undefined);
  });
  return {
    async started(row) {
      await starts(attemptInput.parse({ ...row, status: 'cancelled', errorClass: WORKER_LOST, latencyMs: 0 }));
    },
    async finished(row) {
      await finishes(attemptInput.parse(row));
    },
  };
}
