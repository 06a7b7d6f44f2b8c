// What `onexgen worker` runs: pg-boss jobs of any queued run, through the pipeline's queue handlers,
// with one session per run (opened on first use with the run's stored configuration and this
// worker's keys; its id is the run id, so every worker charges the same budget row; closed when the
// run has no job here and another opens, or after idling: run-sessions.ts). SIGTERM or
// SIGINT: no new jobs, in-flight ones get --drain-seconds, then are released to other workers;
// exit 0.
import { createAttemptLedger, startWorker } from '@onexgen/work-queue';
import { OnexgenError } from '@onexgen/pipeline/errors';
import { queueHandlers } from '@onexgen/pipeline';
import { openRunSession } from '../../run/open-run-session.js';
import type { CliIO } from '../io.js';
import { openQueueDatabase, queueDatabaseUrl } from '../queue-database.js';
import { readRunOptions } from '../queued-run-options.js';
import { redactor } from '../redact.js';
import { runSessions } from '../run-sessions.js';
import type { RunState } from '../run-state.js';
import type { WorkerOptions } from './worker.js';
import { freeEncodersAtExit } from '../free-encoders.js';

function wholeNumber(value: string, flag: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new OnexgenError('USAGE', `${flag}: must be a whole number ≥ ${min}, got "${value}"`);
  return n;
}

export async function runWorker(io: CliIO, state: RunState, opts: WorkerOptions): Promise<void> {
  freeEncodersAtExit(); // this command counts tokens
  const concurrency = wholeNumber(opts.concurrency, '--concurrency', 1);
  const drainMs = wholeNumber(opts.drainSeconds, '--drain-seconds', 0) * 1000;
  const pollIntervalMs = wholeNumber(opts.pollMs, '--poll-ms', 50);
  const maintenanceIntervalSeconds = wholeNumber(opts.expireCheckSeconds, '--expire-check-seconds', 1);
  const url = queueDatabaseUrl('worker', opts.db ?? io.env.DATABASE_URL, opts.db ? '--db' : 'DATABASE_URL');
  const redact = redactor(io.env);
  const warn = (text: string) => io.stderr(redact(`warning: ${text}\n`));
  const opened = await openQueueDatabase(url, io.cwd, { maintenanceIntervalSeconds, onError: (err) => warn(`queue: ${err.message}`) });
  const ledger = createAttemptLedger(opened.handle.db);
  const sessions = runSessions((runId, stored) => {
    const { loaded } = readRunOptions(stored);
    return openRunSession({
      loaded: { ...loaded, config: { ...loaded.config, concurrency } },
      env: io.env,
      cwd: io.cwd,
      redact,
      handle: opened.handle,
      id: runId,
      attempts: ledger,
    });
  });
  const handlers = queueHandlers({ sessionFor: sessions.sessionFor, redact });
  // each job keeps its run's session open while it runs (run-sessions.ts closes idle ones)
  const worker = startWorker(
    opened.queue,
    {
      method: (job) => sessions.during(job.runId, () => handlers.method(job)),
      node: (job) => sessions.during(job.runId, () => handlers.node(job)),
      ...(handlers.gaveUp ? { gaveUp: handlers.gaveUp } : {}),
      ...(handlers.writeEffects ? { writeEffects: handlers.writeEffects } : {}),
    },
    {
      concurrency,
      pollIntervalMs,
      onEvent: (e) => {
        if (e.type === 'job-error') warn(`job ${e.jobId || '(fetch)'}: ${e.message}${e.willRetry ? ' (will be retried)' : ''}`);
      },
    },
  );
  io.stderr(`worker ${worker.id}: taking jobs from ${opened.handle.location} (concurrency ${concurrency})\n`);
  try {
    await new Promise<void>((resolve) => {
      if (!io.signal) return; // no signal to wait for: runs until the process is killed
      if (io.signal.aborted) return resolve();
      io.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    io.stderr(`worker ${worker.id}: stopping; ${worker.inFlight} job(s) in flight get ${drainMs / 1000} s\n`);
    const { finished, released } = await worker.stop({ drainMs });
    io.stderr(`worker ${worker.id}: stopped (${finished} job(s) done, ${released} released to other workers)\n`);
  } finally {
    await sessions.closeAll();
    await opened.close();
  }
  state.exitCode = 0;
}
