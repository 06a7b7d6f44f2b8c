// The database a command works on, migrated; apart from open-session.ts so `db migrate` and the
// read-only commands load @onexgen/metrics only, not the whole pipeline.
import { migrate, openDatabase, type DatabaseHandle } from '@onexgen/metrics';
import { OnexgenError } from '../errors.js';

/** `signal`: a run stopped while its embedded database opens ends the opening and rejects with the signal's reason. */
export async function openDatabaseFor(db: string | undefined, cwd: string, signal?: AbortSignal): Promise<DatabaseHandle> {
  let handle: DatabaseHandle | undefined;
  try {
    // a new embedded database starts from the metrics build's pre-migrated template (no initdb)
    handle = await openDatabase(db, { cwd, fromTemplate: true, ...(signal ? { signal } : {}) });
    await migrate(handle);
    return handle;
  } catch (cause) {
    await handle?.close().catch(() => undefined);
    if (signal?.aborted) throw signal.reason;
    throw new OnexgenError('DATABASE_FAILED', `database: ${(cause as Error).message}`, { cause });
  }
}
