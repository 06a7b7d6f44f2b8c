// What `onexgen undo` runs (loaded when the command runs, not at start-up).
import { join } from 'node:path';
import { undoRun } from '@onexgen/node-source';
import { OnexgenError } from '../../errors.js';
import { fromNodeSource } from '../../node-source-error.js';
import type { CliIO } from '../io.js';

export async function runUndo(io: CliIO, runId: string, opts: { json?: boolean }): Promise<void> {
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
}
