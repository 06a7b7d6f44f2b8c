// What `onexgen db migrate` runs (loaded when the command runs, not at start-up).
import { openDatabaseFor } from '@onexgen/pipeline/database';
import type { CliIO } from '../io.js';
import { configFor } from '../config-for.js';

export async function runMigrate(io: CliIO, opts: { db?: string; config?: string }): Promise<void> {
  const loaded = configFor(io, { ...(opts.db ? { db: opts.db } : {}), ...(opts.config ? { config: opts.config } : {}) });
  const handle = await openDatabaseFor(loaded.config.db, io.cwd);
  try {
    io.stdout(`migrated ${handle.location} (${handle.kind})\n`);
  } finally {
    await handle.close();
  }
}
