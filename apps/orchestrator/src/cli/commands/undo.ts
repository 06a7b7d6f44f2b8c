// `onexgen undo <run-id>`: put back the files a `fill --in-place` run changed, from its backups under
// .onexgen/backups/<run-id>/. A file edited since the run is left alone and reported (exit 2).
import { join } from 'node:path';
import type { Command } from 'commander';
import { undoRun } from '@onexgen/node-source';
import { fromNodeSource, OnexgenError } from '../../errors.js';
import type { CliIO } from '../io.js';

export function registerUndo(program: Command, io: CliIO): void {
  program
    .command('undo')
    .description('restore the files a fill --in-place run changed (refuses files edited since)')
    .argument('<run-id>', 'the run (session) id the fill printed')
    .option('--json', 'print JSON')
    .action(async (runId: string, opts: { json?: boolean }) => {
      const result = await undoRun(join(io.cwd, '.onexgen', 'backups'), runId).catch((err: unknown) => {
        throw fromNodeSource(err);
      });
      if (opts.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
      else {
        for (const path of result.restored) io.stdout(`restored ${path}\n`);
        for (const r of result.refused) io.stdout(`left alone ${r.path}: ${r.reason}\n`);
      }
      if (result.refused.length > 0) {
        throw new OnexgenError('UNDO_REFUSED', `${result.refused.length} file${result.refused.length === 1 ? '' : 's'} of run ${runId} not restored`);
      }
    });
}
