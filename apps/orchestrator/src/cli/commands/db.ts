// `onexgen db migrate`: bring the database schema up to date (db-run.ts, loaded on use; runs also
// migrate on every start).
import type { Command } from 'commander';
import { DB_OPTION_HELP } from '../db-target.js';
import type { CliIO } from '../io.js';

export function registerDb(program: Command, io: CliIO): void {
  const db = program.command('db').description('database maintenance');
  db.command('migrate')
    .description('apply the migrations (metrics, pattern library) to the database, creating it if needed')
    .option('--db <url|path>', DB_OPTION_HELP)
    .option('--config <file>', 'configuration file')
    .action(async (opts: { db?: string; config?: string }) => {
      const { runMigrate } = await import('./db-run.js');
      await runMigrate(io, opts);
    });
}
