// The run's metrics store with @onexgen/metrics' spool, so records made while the database is
// unreachable are kept in a local fsync'd file and written, in order, when it answers again (later
// in the run, or by the next run that opens the same spool).
import { createHash } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { createMetricsStore, MetricsError, type DatabaseHandle, type MetricsStore } from '@onexgen/metrics';

/** Concurrent runs against one server from one folder each take their own spool slot. */
const SLOTS = 8;

/**
 * Where the spool of this database lives. Embedded PGlite: beside its folder (`.onexgen/db` →
 * `.onexgen/metrics.spool`; another folder name gets its own file, so two databases in one folder
 * never share a spool). A server: the cwd's `.onexgen/`, named after the server's location (no
 * password in it) so that records kept for one server are never flushed into another. An in-memory
 * database cannot be unreachable and its records cannot outlive the process: no spool.
 */
export function spoolPathFor(handle: Pick<DatabaseHandle, 'kind' | 'location'>, cwd: string): string | undefined {
  if (handle.kind === 'pglite') {
    if (handle.location === 'memory://') return undefined;
    const name = basename(handle.location);
    return join(dirname(handle.location), name === 'db' ? 'metrics.spool' : `${name}.metrics.spool`);
  }
  const server = createHash('sha256').update(handle.location).digest('hex').slice(0, 12);
  return join(cwd, '.onexgen', `metrics-${server}.spool`);
}

function slotPath(path: string, slot: number): string {
  return slot === 0 ? path : path.replace(/\.spool$/, `.${slot + 1}.spool`);
}

/**
 * Opens the store with a spool. A spool belongs to one process at a time (metrics refuses a second
 * owner with SPOOL_LOCKED), so a run that finds it taken uses the next slot; a slot a dead run left
 * entries in is taken over and flushed by whichever run opens it next.
 */
export async function openMetricsStore(
  handle: DatabaseHandle,
  cwd: string,
  warn: (message: string) => void,
): Promise<MetricsStore> {
  const path = spoolPathFor(handle, cwd);
  if (!path) return createMetricsStore(handle);
  for (let slot = 0; slot < SLOTS; slot += 1) {
    try {
      return await createMetricsStore(handle, { spool: { path: slotPath(path, slot), onWarning: warn } });
    } catch (err) {
      if (!(err instanceof MetricsError && err.code === 'SPOOL_LOCKED')) throw err;
    }
  }
  warn(`metrics: every spool slot beside ${path} is in use by another run; records go to the database only`);
  return createMetricsStore(handle);
}
