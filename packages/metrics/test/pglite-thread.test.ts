// The embedded database runs on a thread of its own (src/db/pglite-thread-client.ts). What drizzle
// relies on must hold across the thread boundary: transactions that commit or roll back as a whole
// and hold the database while open, PostgreSQL's error fields, dates as drizzle maps them, and a
// process that still exits when nobody closed an idle database.
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { openDatabase, type DatabaseHandle } from '../src/index.js';
import { compiledPostgres } from '../src/db/pglite-thread-client.js';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openDatabase('memory://');
  await handle.db.execute(sql`create table t (id int primary key, at timestamptz default now())`);
});
afterAll(async () => {
  await handle.close();
});

const count = async (): Promise<number> => {
  const rows = (await handle.db.execute(sql`select count(*)::int as n from t`)) as unknown as { rows: { n: number }[] };
  return rows.rows[0]!.n;
};

const bufferPool = async (h: DatabaseHandle): Promise<string> => {
  const rows = (await h.db.execute(sql`select current_setting('shared_buffers') as size`)) as unknown as { rows: { size: string }[] };
  return rows.rows[0]!.size;
};

test("PostgreSQL's buffer pool is 16 MB, not the 128 MB of initdb's postgresql.conf", async () => {
  expect(await bufferPool(handle)).toBe('16MB');
});

test('a transaction commits as a whole, and a throw inside rolls all of it back', async () => {
  await handle.db.transaction(async (tx) => {
    await tx.execute(sql`insert into t (id) values (1)`);
    await tx.execute(sql`insert into t (id) values (2)`);
  });
  expect(await count()).toBe(2);
  await expect(
    handle.db.transaction(async (tx) => {
      await tx.execute(sql`insert into t (id) values (3)`);
      throw new Error('changed my mind');
    }),
  ).rejects.toThrow('changed my mind');
  expect(await count()).toBe(2);
  await handle.db.execute(sql`delete from t`);
});

test('an open transaction holds the database: a statement from outside waits for its commit', async () => {
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let inserted!: () => void;
  const didInsert = new Promise<void>((r) => (inserted = r));
  const tx = handle.db.transaction(async (t) => {
    await t.execute(sql`insert into t (id) values (10)`);
    inserted();
    await held;
    await t.execute(sql`insert into t (id) values (11)`);
  });
  await didInsert;
  const outside = count();
  release();
  await tx;
  // had the outside statement run inside the open transaction's window it would have seen 1 row
  expect(await outside).toBe(2);
  await handle.db.execute(sql`delete from t`);
});

test("a refused statement keeps PostgreSQL's message and code", async () => {
  await handle.db.execute(sql`insert into t (id) values (20)`);
  const failure = await handle.db.execute(sql`insert into t (id) values (20)`).then(
    () => undefined,
    (err: unknown) => err,
  );
  // drizzle wraps driver errors; the database's own error is its cause
  const cause = (failure as { cause?: { code?: string; message?: string; constraint?: string } }).cause ?? failure;
  expect(cause).toMatchObject({ code: '23505', constraint: 't_pkey' });
  expect((cause as Error).message).toMatch(/duplicate key/);
  await handle.db.execute(sql`delete from t`);
});

test('timestamps come back as drizzle asks for them (text it maps itself), not as the thread parsed them', async () => {
  const rows = (await handle.db.execute(sql`select '2026-12-06 10:00:00+00'::timestamptz as at, '1 day'::interval as span`)) as unknown as {
    rows: { at: unknown; span: unknown }[];
  };
  expect(typeof rows.rows[0]!.at).toBe('string');
  expect(rows.rows[0]!.span).toBe('1 day');
});

test("PostgreSQL's WebAssembly is compiled once per process; every database thread runs that module", async () => {
  const compiled = await compiledPostgres();
  expect(compiled).toBeInstanceOf(WebAssembly.Module);
  expect(await compiledPostgres()).toBe(compiled);
  // two more databases at once beside the suite's: each on its own thread, each its own data; one
  // made by initdb, one from the pre-migrated template (the CLI's), both with the 16 MB pool
  const [a, b] = await Promise.all([openDatabase('memory://'), openDatabase('memory://', { fromTemplate: true })]);
  try {
    await a.db.execute(sql`create table only_in_a (n int)`);
    const inB = (await b.db.execute(sql`select to_regclass('only_in_a') is null as absent`)) as unknown as { rows: { absent: boolean }[] };
    expect(inB.rows[0]!.absent).toBe(true);
    for (const h of [a, b]) expect(await bufferPool(h)).toBe('16MB');
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
  expect(await compiledPostgres()).toBe(compiled);
}, 120_000);

test('a process that opened the database and never closed it still exits once idle', () => {
  const script = `
    const { openDatabase } = await import(${JSON.stringify(fileURLToPath(new URL('../dist/index.js', import.meta.url)))});
    const h = await openDatabase('memory://');
    await h.db.execute((await import('drizzle-orm')).sql\`select 1\`);
    console.log('opened');
  `;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
  expect(run.stdout).toContain('opened');
  expect(run.status).toBe(0);
});

test('a stop while the database opens ends the opening and rejects with the signal’s reason', async () => {
  const controller = new AbortController();
  const reason = new Error('interrupted');
  const opening = openDatabase('memory://', { fromTemplate: true, signal: controller.signal });
  controller.abort(reason);
  await expect(opening).rejects.toBe(reason);
  // already stopped: refused before a thread starts
  await expect(openDatabase('memory://', { signal: controller.signal })).rejects.toBe(reason);
});
