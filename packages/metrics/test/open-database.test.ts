// The embedded default: PGlite on disk at .onexgen/db under the working directory, data that
// survives a close and reopen. (One PGlite at a time: the second open is the point of the test.)
import { afterAll, expect, test } from '@jest/globals';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { MetricsError, createMetricsStore, migrate, migrationStatus, openDatabase } from '../src/index.js';
import { ATTEMPTS } from './support/seed-data.js';

const cwd = mkdtempSync(join(tmpdir(), 'metrics-open-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

test('no URL: PGlite on disk at .onexgen/db, and the data is still there after reopening', async () => {
  const first = await openDatabase(undefined, { cwd });
  expect(first.kind).toBe('pglite');
  expect(first.location).toBe(join(cwd, '.onexgen/db'));
  // before migrating, every migration is pending; migrationStatus changes nothing
  const fresh = await migrationStatus(first);
  expect(fresh.total).toBeGreaterThan(0);
  expect(fresh).toEqual({ applied: 0, total: fresh.total, pending: fresh.total });
  expect(await migrationStatus(first)).toEqual(fresh);
  await migrate(first);
  expect(await migrationStatus(first)).toEqual({ applied: fresh.total, total: fresh.total, pending: 0 });
  await expect(migrate(first, { migrationsFolder: join(cwd, 'nowhere') })).rejects.toMatchObject({ code: 'MIGRATIONS_NOT_FOUND' });
  // PGlite is single-process: a second open of the same folder is refused, not corrupting.
  await expect(openDatabase(undefined, { cwd })).rejects.toMatchObject({ code: 'DB_IN_USE' });
  const store = await createMetricsStore(first);
  await store.record('attempt', ATTEMPTS[0]!);
  await store.close();
  await first.close();
  expect(existsSync(join(cwd, '.onexgen/db/PG_VERSION'))).toBe(true);
  expect(existsSync(join(cwd, '.onexgen/db.lock'))).toBe(false);

  const again = await openDatabase(`file://${join(cwd, '.onexgen/db')}`);
  try {
    expect((await migrate(again)).applied).toBe(0);
    // a folder keeps the 128 MB of its postgresql.conf; the thread starts PostgreSQL with 16 MB
    const pool = (await again.db.execute(sql`select current_setting('shared_buffers') as size`)) as unknown as { rows: { size: string }[] };
    expect(pool.rows[0]!.size).toBe('16MB');
    const reopened = await createMetricsStore(again);
    expect((await reopened.aggregate()).attempts.count).toBe(1);
  } finally {
    await again.close();
  }
}, 60_000);

test('bad options are refused before anything is opened, naming the option', async () => {
  const err = await openDatabase('postgres://u@127.0.0.1:1/x', { poolSize: 0 }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(MetricsError);
  expect((err as Error).message).toMatch(/poolSize/);
});
