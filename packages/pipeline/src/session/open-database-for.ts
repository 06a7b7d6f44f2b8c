// The database a command works on, migrated; apart from open-session.ts so `db migrate` and the
// read-only commands load @onexgen/metrics only, not the whole pipeline.
import { migrate, openDatabase, type DatabaseHandle } from '@onexgen/metrics';
import { OnexgenError } from '../errors.js';

export async function openDatabaseFor(db: string | undefined, cwd: string): Promise<DatabaseHandle> {
  try {
    // a new embedded database starts from the metrics build's pre-migrated template (no initdb)
    const handle = await openDatabase(db, { cwd, fromTemplate: true });
    await migrate(handle);
    return handle;
  } catch (cause) {
    throw new OnexgenError('DATABASE_FAILED', `database: ${(cause as Error).message}`, { cause });
  }
}
