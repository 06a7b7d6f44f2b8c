// Puts a spool in front of the database writer. While the database answers, rows go straight in.
// When it is unreachable (a cockatiel circuit breaker remembers that, so callers do not wait on a
// connect timeout each time), rows are appended to the spool file, and every later write also goes
// to the spool until it has been flushed, so the database receives rows in recording order.
// Flushing replays entries in order; inserts are idempotent (row ids fixed before spooling), so a
// crash after a flush wrote rows but before the spool was cut replays them harmlessly.
import {
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  circuitBreaker,
  handleWhen,
  isBrokenCircuitError,
} from 'cockatiel';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { MetricsError, SpoolFullError } from '../errors.js';
import { messageOf } from '../db/open-database.js';
import { acquireProcessLock } from '../process-lock.js';
import type { RecordWriter, StoredIn } from '../store/direct-writer.js';
import { RECORD_SCHEMAS } from '../store/inputs.js';
import { normalizeRows } from '../store/normalize.js';
import { appendRejected, openSpoolFile, removeStaleTemp, type SpoolEntry } from './spool-file.js';
import { isDatabaseUnavailable } from './unavailable.js';

const spoolOptionsSchema = z.object({
  /** The spool file (JSON lines). One process per path. */
  path: z.string().min(1),
  /** Size cap; beyond it records are refused with SpoolFullError (default 64 MiB). */
  maxBytes: z.number().int().min(1024).default(64 * 1024 * 1024),
  /** How often a non-empty spool tries to flush in the background (default 2 s). */
  flushIntervalMs: z.number().int().min(10).default(2000),
  /** First wait before the database is tried again after it failed; doubles up to maxRetryDelayMs. */
  retryDelayMs: z.number().int().min(1).default(250),
  maxRetryDelayMs: z.number().int().min(1).default(30_000),
  /** Called with operator-facing warnings (spool in use, nearly full, full, rejected entries). */
  onWarning: z.custom<(message: string) => void>((v) => typeof v === 'function').optional(),
});
export type SpoolOptions = z.input<typeof spoolOptionsSchema>;

export interface SpoolStatus {
  path: string;
  entries: number;
  bytes: number;
  maxBytes: number;
  /** the last reason the database was not written, if the spool is in use */
  lastError: string | null;
}

export interface SpooledWriter extends RecordWriter {
  flush(): Promise<SpoolStatus>;
  status(): SpoolStatus;
  close(): Promise<void>;
}

const NEARLY_FULL = 0.8;

export async function createSpooledWriter(direct: RecordWriter, input: SpoolOptions): Promise<SpooledWriter> {
  const parsed = spoolOptionsSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MetricsError('INVALID_RECORD', `spool option ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const opts = parsed.data;
  const warn = opts.onWarning ?? ((message: string) => process.emitWarning(message, 'OnexgenMetricsSpool'));
  // The lock file sits beside the spool: its folder must exist before the lock is taken.
  await mkdir(dirname(opts.path), { recursive: true });
  const releaseLock = await acquireProcessLock(
    `${opts.path}.lock`,
    `Metrics spool ${opts.path} (give each process its own spool path)`,
    'SPOOL_LOCKED',
  );
  await removeStaleTemp(opts.path);
  const file = await openSpoolFile(opts.path, warn);
  const breaker = circuitBreaker(handleWhen(isDatabaseUnavailable), {
    halfOpenAfter: new ExponentialBackoff({ initialDelay: opts.retryDelayMs, maxDelay: opts.maxRetryDelayMs }),
    breaker: new ConsecutiveBreaker(1),
  });
  let lastError: string | null = null;
  let warnedNearlyFull = false;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  // One operation at a time: appends, flushes and direct writes keep their relative order.
  let queue: Promise<unknown> = Promise.resolve();
  const serialize = <T>(op: () => Promise<T>): Promise<T> => {
    const next = queue.then(op, op);
    queue = next.catch(() => undefined);
    return next;
  };

  // The open breaker's own error says nothing useful: keep the database's last real answer.
  const noteFailure = (err: unknown) => {
    if (!isBrokenCircuitError(err)) lastError = messageOf(err);
  };
  const isTransient = (err: unknown) => isBrokenCircuitError(err) || isDatabaseUnavailable(err);

  async function writeToDatabase(entry: SpoolEntry): Promise<void> {
    await breaker.execute(() => direct.write(entry.kind, entry.rows));
    lastError = null;
  }

  async function appendToSpool(entry: SpoolEntry): Promise<void> {
    const size = Buffer.byteLength(JSON.stringify(entry)) + 1;
    if (file.bytes() + size > opts.maxBytes) {
      warn(`metrics spool ${opts.path} is full (${file.bytes()} of ${opts.maxBytes} bytes): dropping a ${entry.kind} record.`);
      throw new SpoolFullError(opts.path, opts.maxBytes);
    }
    await file.append(entry);
    if (!warnedNearlyFull && file.bytes() >= opts.maxBytes * NEARLY_FULL) {
      warnedNearlyFull = true;
      warn(`metrics spool ${opts.path} is over ${NEARLY_FULL * 100}% full (${file.bytes()} of ${opts.maxBytes} bytes); the database is still unreachable.`);
    }
    startTimer();
  }

  /** Replays the spool in order; stops at the first sign the database is still away. */
  async function flushLocked(): Promise<void> {
    if (file.entries() === 0) return;
    // After a failure, a round trip decides whether reading and replaying the file is worth it
    // (the open breaker answers at once until its back-off has passed).
    if (breaker.state !== CircuitState.Closed) {
      try {
        await breaker.execute(() => direct.ping());
      } catch (err) {
        if (!isTransient(err)) throw err;
        noteFailure(err);
        return;
      }
    }
    const { entries, corrupt } = await file.readAll();
    const rejected = [...corrupt];
    let done = 0;
    for (const entry of entries) {
      try {
        // Revive dates and re-check the row against today's schema (ids are already fixed).
        if (!(entry.kind in RECORD_SCHEMAS)) throw new MetricsError('SPOOL_CORRUPT', `unknown kind ${entry.kind}`);
        const rows = normalizeRows(entry.kind, entry.rows, () => new Date());
        await writeToDatabase({ kind: entry.kind, rows });
      } catch (err) {
        if (isTransient(err)) {
          noteFailure(err);
          break;
        }
        rejected.push(JSON.stringify(entry));
        warn(`metrics spool ${opts.path}: the database refused a ${entry.kind} entry (${messageOf(err)}); moved to ${opts.path}.rejected`);
      }
      done += 1;
    }
    await appendRejected(`${opts.path}.rejected`, rejected);
    if (done > 0 || corrupt.length > 0) await file.replace(entries.slice(done));
    if (file.entries() === 0) {
      warnedNearlyFull = false;
      stopTimer();
    }
  }

  function startTimer(): void {
    if (timer || closed) return;
    timer = setInterval(() => {
      void serialize(flushLocked).catch((err: unknown) => warn(`metrics spool flush failed: ${messageOf(err)}`));
    }, opts.flushIntervalMs);
    timer.unref();
  }

  function stopTimer(): void {
    if (timer) clearInterval(timer);
    timer = undefined;
  }

  const status = (): SpoolStatus => ({
    path: opts.path,
    entries: file.entries(),
    bytes: file.bytes(),
    maxBytes: opts.maxBytes,
    lastError,
  });

  // Entries left by a previous run (crash or stop while the database was away) flush soon.
  if (file.entries() > 0) startTimer();

  return {
    ping: () => direct.ping(),
    write: (kind, rows) =>
      serialize(async (): Promise<StoredIn> => {
        if (closed) throw new MetricsError('SPOOL_LOCKED', `metrics spool ${opts.path} is closed`);
        if (rows.length === 0) return 'database';
        await flushLocked();
        const entry: SpoolEntry = { kind, rows };
        if (file.entries() === 0) {
          try {
            await writeToDatabase(entry);
            return 'database';
          } catch (err) {
            if (!isTransient(err)) throw err;
            noteFailure(err);
          }
        }
        await appendToSpool(entry);
        return 'spool';
      }),
    flush: () => serialize(async () => (await flushLocked(), status())),
    status,
    close: () =>
      serialize(async () => {
        if (closed) return;
        closed = true;
        stopTimer();
        await file.close();
        await releaseLock();
      }),
  };
}
