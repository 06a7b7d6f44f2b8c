// Read-only commands (metrics, history, …) open the database a run recorded into, and never create
// one: a mistyped path must not become a fresh empty database (PGlite would create ~40 MB there).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_EMBEDDED_PATH, type DatabaseHandle } from '@onexgen/metrics';
import type { LoadedConfig } from '../config/load-config.js';
import { OnexgenError } from '../errors.js';
import { openDatabaseFor } from '../pipeline/open-session.js';
import { dbKind, dbSource } from './db-target.js';

export async function openRecordedDatabase(loaded: LoadedConfig, cwd: string, command: string): Promise<DatabaseHandle> {
  const { db } = loaded.config;
  const source = dbSource(loaded.origin.db, loaded.files);
  const kind = dbKind(db, source);
  if (kind === 'memory') {
    throw new OnexgenError(
      'USAGE',
      `${command}: memory:// keeps nothing after a run, so there is nothing to read; give the database runs record into (--db <dir> or a postgres:// URL)`,
    );
  }
  if (kind === 'embedded') {
    const dir = resolve(cwd, db?.trim() || DEFAULT_EMBEDDED_PATH);
    // PG_VERSION is the first file PostgreSQL (and PGlite) writes into a data directory
    if (!existsSync(join(dir, 'PG_VERSION'))) {
      throw new OnexgenError(
        'USAGE',
        `${command}: no database at ${dir}${db ? ` (from ${source})` : ''}: nothing has been recorded there. ` +
          '`onexgen generate` and `onexgen fill` create it; check the path, or give --db',
      );
    }
  }
  return openDatabaseFor(db, cwd);
}
