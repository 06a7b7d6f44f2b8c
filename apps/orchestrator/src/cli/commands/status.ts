// `onexgen status RUN_ID`: progress of a queued run. Loaded when the command runs (status-run.ts).
import type { Command } from 'commander';
import type { CliIO } from '../io.js';
import type { RunState } from '../run-state.js';

export function registerStatus(program: Command, io: CliIO, state: RunState): void {
  program
    .command('status')
    .description('progress of a queued run (generate --queue): nodes and methods done, jobs waiting, running, retried or failed')
    .argument('<run-id>', 'the run id generate --queue printed')
    .option('--db <url>', 'the PostgreSQL the run is queued in (default DATABASE_URL)')
    .option('--watch', 'print each change until the run is done')
    .option('--json', 'print JSON')
    .action(async (runId: string, opts: { db?: string; watch?: boolean; json?: boolean }) => {
      const { runStatusCommand } = await import('./status-run.js');
      await runStatusCommand(io, state, runId, opts);
    });
}
