// `onexgen db migrate`: bring the database schema up to date (runs also happen on every start).
import type { Command } from 'commander';
import { openDatabaseFor } from '../../pipeline/open-session.js';
import type { CliIO } from '../io.js';
import { configFor } from '../run-pipeline.js';

export function registerDb(program: Command, io: CliIO): void {
  const db = program.command('db').description('database maintenance');
  db.command('migrate')
    .description('apply the migrations (metrics, pattern library) to the database')
    .option('--db <url|path>', 'database (default DATABASE_URL, then .onexgen/db)')
    .option('--config <file>', 'configuration file')
    .action(async (opts: { db?: string; config?: string }) => {
      const loaded = configFor(io, { ...(opts.db ? { db: opts.db } : {}), ...(opts.config ? { config: opts.config } : {}) });
      const handle = await openDatabaseFor(loaded.config.db, io.cwd);
      try {
        io.stdout(`migrated ${handle.location} (${handle.kind})\n`);
      } finally {
        await handle.close();
      }
    });
}
