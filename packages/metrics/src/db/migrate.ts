// Applies the SQL migrations drizzle-kit wrote (metrics' and pattern-library's tables alike).
// Safe when several processes start at once against one server: everything happens in one
// transaction that first takes a PostgreSQL advisory lock, so the second process waits, then sees
// the migrations already recorded and applies nothing. Bookkeeping matches drizzle's own migrator
// (drizzle.__drizzle_migrations), so `drizzle-kit migrate` and this function agree.
import { sql } from 'drizzle-orm';
import { readMigrationFiles, type MigrationMeta } from 'drizzle-orm/migrator';
import { MetricsError } from '../errors.js';
import { findMigrationsDir } from '../migrations-dir.js';
import type { DatabaseHandle } from './open-database.js';
import { messageOf } from './open-database.js';
import { rowsOf } from './rows.js';

/** Arbitrary constant shared by every onexgen process: "the migration lock". */
const MIGRATION_LOCK_KEY = 0x0e7e_9e11;

export interface MigrateOptions {
  /** Folder holding drizzle-kit's output (defaults to the one shipped with this package). */
  migrationsFolder?: string;
}

export interface MigrateResult {
  /** Migrations applied by this call (0 when the database was already up to date). */
  applied: number;
  /** Migrations known to the folder. */
  total: number;
}

export interface MigrationStatus {
  /** migrations of the folder this database has (by drizzle's bookkeeping) */
  applied: number;
  /** migrations known to the folder */
  total: number;
  /** migrations a `migrate` would apply now */
  pending: number;
}

function readFolder(folder: string | undefined): MigrationMeta[] {
  if (!folder) {
    throw new MetricsError(
      'MIGRATIONS_NOT_FOUND',
      'No migrations folder found next to @onexgen/metrics (expected migrations/meta/_journal.json); rebuild the package.',
    );
  }
  try {
    return readMigrationFiles({ migrationsFolder: folder });
  } catch (cause) {
    throw new MetricsError('MIGRATIONS_NOT_FOUND', `Cannot read migrations in ${folder}: ${messageOf(cause)}`, { cause });
  }
}

/** Where the database stands against the migrations, without changing anything (for `onexgen doctor`). */
export async function migrationStatus(handle: DatabaseHandle, options: MigrateOptions = {}): Promise<MigrationStatus> {
  const migrations = readFolder(options.migrationsFolder ?? findMigrationsDir());
  const table = rowsOf<{ present: boolean }>(await handle.db.execute(sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`))[0];
  if (!table?.present) return { applied: 0, total: migrations.length, pending: migrations.length };
  const last = rowsOf<{ created_at: string | number | null }>(
    await handle.db.execute(sql`select created_at from "drizzle"."__drizzle_migrations" order by created_at desc limit 1`),
  )[0];
  const lastMillis = last?.created_at == null ? -1 : Number(last.created_at);
  const pending = migrations.filter((m) => m.folderMillis > lastMillis).length;
  return { applied: migrations.length - pending, total: migrations.length, pending };
}

export async function migrate(handle: DatabaseHandle, options: MigrateOptions = {}): Promise<MigrateResult> {
  const migrations = readFolder(options.migrationsFolder ?? findMigrationsDir());
  try {
    const applied = await handle.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
      await tx.execute(sql`create schema if not exists "drizzle"`);
      await tx.execute(
        sql`create table if not exists "drizzle"."__drizzle_migrations" (id serial primary key, hash text not null, created_at bigint)`,
      );
      const last = rowsOf<{ created_at: string | number | null }>(
        await tx.execute(sql`select created_at from "drizzle"."__drizzle_migrations" order by created_at desc limit 1`),
      )[0];
      const lastMillis = last?.created_at == null ? -1 : Number(last.created_at);
      let count = 0;
      for (const migration of migrations) {
        if (migration.folderMillis <= lastMillis) continue;
        for (const statement of migration.sql) {
          if (statement.trim()) await tx.execute(sql.raw(statement));
        }
        await tx.execute(
          sql`insert into "drizzle"."__drizzle_migrations" (hash, created_at) values (${migration.hash}, ${migration.folderMillis})`,
        );
        count += 1;
      }
      return count;
    });
    return { applied, total: migrations.length };
  } catch (cause) {
    throw new MetricsError('MIGRATION_FAILED', `Migrating ${handle.location} failed: ${messageOf(cause)}`, { cause });
  }
}
