// `onexgen worker`: takes the jobs of queued runs (`generate --queue`) from PostgreSQL until stopped.
// The work is loaded when the command runs (worker-run.ts).
import type { Command } from 'commander';
import type { CliIO } from '../io.js';
import type { RunState } from '../run-state.js';

export interface WorkerOptions {
  db?: string;
  concurrency: string;
  drainSeconds: string;
  pollMs: string;
  expireCheckSeconds: string;
}

export function registerWorker(program: Command, io: CliIO, state: RunState): void {
  program
    .command('worker')
    .description('process the jobs of queued runs (generate --queue) until stopped; SIGTERM finishes or releases in-flight jobs and exits 0')
    .option('--db <url>', 'the PostgreSQL the runs are queued in (default DATABASE_URL)')
    .option('--concurrency <n>', 'jobs in flight at once', '4')
    .option('--drain-seconds <s>', 'on SIGTERM/SIGINT, how long in-flight jobs may finish before they are handed to another worker', '30')
    .option('--poll-ms <ms>', 'how long an empty queue is left before asking again', '500')
    .option('--expire-check-seconds <s>', 'how often to look for jobs whose worker died (past their --job-timeout) and hand them out again', '30')
    .action(async (opts: WorkerOptions) => {
      const { runWorker } = await import('./worker-run.js');
      await runWorker(io, state, opts);
    });
}
