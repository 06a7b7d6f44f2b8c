// `onexgen undo <run-id>`: put back the files a `fill --in-place` run changed, from its backups under
// .onexgen/backups/<run-id>/. A file edited since the run is left alone and reported (exit 2). The
// work is in undo-run.ts, loaded when the command runs.
import type { Command } from 'commander';
import type { CliIO } from '../io.js';

export function registerUndo(program: Command, io: CliIO): void {
  program
    .command('undo')
    .description('restore the files a fill --in-place run changed (refuses files edited since)')
    .argument('<run-id>', 'the run (session) id the fill printed')
    .option('--json', 'print JSON')
    .action(async (runId: string, opts: { json?: boolean }) => {
      const { runUndo } = await import('./undo-run.js');
      await runUndo(io, runId, opts);
    });
}
