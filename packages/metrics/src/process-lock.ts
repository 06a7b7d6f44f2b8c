// One process owns a file or folder at a time: a spool (two writers appending and truncating the
// same file would lose entries) or an embedded PGlite data folder (two PGlite instances on one
// folder corrupt it). The lock file holds the owner's pid; a lock left by a dead process is taken over.
import { open, readFile, rm } from 'node:fs/promises';
import { MetricsError, type MetricsErrorCode } from './errors.js';

export async function acquireProcessLock(
  lockPath: string,
  what: string,
  code: MetricsErrorCode,
): Promise<() => Promise<void>> {
  for (let tries = 0; tries < 2; tries += 1) {
    try {
      const handle = await open(lockPath, 'wx', 0o600);
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(lockPath, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number((await readFile(lockPath, 'utf8').catch(() => '')).trim());
      if (owner === process.pid) {
        throw new MetricsError(code, `${what} is already open in this process; share one handle.`);
      }
      if (owner && isAlive(owner)) {
        throw new MetricsError(code, `${what} is in use by process ${owner} (lock ${lockPath}).`);
      }
      await rm(lockPath, { force: true });
    }
  }
  throw new MetricsError(code, `Could not lock ${what} (${lockPath}).`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
