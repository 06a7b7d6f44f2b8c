// One process owns a spool file at a time (two writers appending and truncating the same file would
// lose entries). The lock file holds the owner's pid; a lock left by a dead process is taken over.
import { open, readFile, rm } from 'node:fs/promises';
import { MetricsError } from '../errors.js';

export async function acquireSpoolLock(spoolPath: string): Promise<() => Promise<void>> {
  const lockPath = `${spoolPath}.lock`;
  for (let tries = 0; tries < 2; tries += 1) {
    try {
      const handle = await open(lockPath, 'wx', 0o600);
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(lockPath, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number((await readFile(lockPath, 'utf8').catch(() => '')).trim());
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new MetricsError('SPOOL_LOCKED', `Metrics spool ${spoolPath} is in use by process ${owner}; give each process its own spool path.`);
      }
      if (owner === process.pid) {
        throw new MetricsError('SPOOL_LOCKED', `Metrics spool ${spoolPath} is already open in this process; share one store.`);
      }
      await rm(lockPath, { force: true });
    }
  }
  throw new MetricsError('SPOOL_LOCKED', `Could not lock metrics spool ${spoolPath}.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
