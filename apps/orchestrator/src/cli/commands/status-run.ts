// What `onexgen status` runs: one look at the run, or each change until it is done (--watch).
import { runStatus, waitForRun, WorkQueueError, type RunStatus } from '@onexgen/work-queue';
import { OnexgenError } from '@onexgen/pipeline/errors';
import { openDatabaseFor } from '@onexgen/pipeline/database';
import type { CliIO } from '../io.js';
import { queueDatabaseUrl } from '../queue-database.js';
import type { RunState } from '../run-state.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function describeStatus(s: RunStatus): string {
  const jobs = Object.entries(s.jobs)
    .filter(([state]) => state !== 'completed')
    .map(([state, n]) => `${n} ${state}`)
    .join(', ');
  const failed = s.methods.failed > 0 ? `, ${s.methods.failed} failed` : '';
  return `run ${s.runId}: ${s.state}; nodes ${s.nodes.done}/${s.nodes.total}, methods ${s.methods.done}/${s.methods.total}${failed}${jobs ? `; jobs ${jobs}` : ''}`;
}

export async function runStatusCommand(io: CliIO, state: RunState, runId: string, opts: { db?: string; watch?: boolean; json?: boolean }): Promise<void> {
  if (!UUID.test(runId)) throw new OnexgenError('USAGE', `status: "${runId}" is not a run id (generate --queue prints one, a UUID)`);
  const url = queueDatabaseUrl('status', opts.db ?? io.env.DATABASE_URL, opts.db ? '--db' : 'DATABASE_URL');
  const handle = await openDatabaseFor(url, io.cwd);
  const show = (s: RunStatus) => io.stdout(opts.json ? `${JSON.stringify(s)}\n` : `${describeStatus(s)}\n`);
  try {
    const status = opts.watch
      ? await waitForRun(handle.db, runId, { onStatus: show, ...(io.signal ? { signal: io.signal } : {}) })
      : await runStatus(handle.db, runId);
    if (!opts.watch) show(status);
    state.exitCode = 0;
  } catch (err) {
    if (err instanceof WorkQueueError && err.code === 'UNKNOWN_RUN') throw new OnexgenError('USAGE', `status: ${err.message}`);
    throw err;
  } finally {
    await handle.close();
  }
}
