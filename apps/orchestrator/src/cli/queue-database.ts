// The queue commands (generate --queue, worker, status) need a PostgreSQL server every process can
// reach; the embedded database serves one process. Anything else is refused before anything opens.
import { openWorkQueue, type WorkQueue } from '@onexgen/work-queue';
import type { DatabaseHandle } from '@onexgen/metrics';
import { OnexgenError } from '@onexgen/pipeline/errors';
import { openDatabaseFor } from '@onexgen/pipeline/database';
import { dbKind } from './db-target.js';

export const NEEDS_POSTGRES =
  'needs a PostgreSQL URL (--db postgres://… or DATABASE_URL): the queue is shared by every worker, and the embedded database serves one process only';

/** The URL, or an exit-2 error naming the command, the value's source and what to give instead. */
export function queueDatabaseUrl(command: string, value: string | undefined, source: string): string {
  const kind = dbKind(value, source);
  if (kind !== 'postgres' || !value) {
    const what = kind === 'memory' ? 'memory://' : value ? `the embedded database at ${value}` : 'the embedded database (.onexgen/db)';
    throw new OnexgenError('USAGE', `${command} ${NEEDS_POSTGRES}; got ${what}${value ? ` from ${source}` : ''}`);
  }
  return value.trim();
}

export interface OpenedQueue {
  handle: DatabaseHandle;
  queue: WorkQueue;
  close(): Promise<void>;
}

/** Opens (and migrates) the database, then pg-boss on it. */
export async function openQueueDatabase(
  url: string,
  cwd: string,
  options: { maintenanceIntervalSeconds?: number; onError?: (err: Error) => void } = {},
): Promise<OpenedQueue> {
  const handle = await openDatabaseFor(url, cwd);
  try {
    const queue = await openWorkQueue({ url, handle, ...options });
    return {
      handle,
      queue,
      async close() {
        try {
          await queue.close();
        } finally {
          await handle.close();
        }
      },
    };
  } catch (cause) {
    await handle.close();
    throw new OnexgenError('DATABASE_FAILED', `queue: ${(cause as Error).message}`, { cause });
  }
}
