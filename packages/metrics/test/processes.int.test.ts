// What needs real processes: three processes migrating one empty database at the same moment, and
// a process SIGKILLed while spooling, whose acknowledged records must all arrive exactly once when
// the next process (here: this one) opens the spool with the database reachable.
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { createMetricsStore, migrate, openDatabase, type DatabaseHandle } from '../src/index.js';
import { rowsOf } from '../src/db/rows.js';
import { createDatabase } from './support/pg.js';

const WORKER = fileURLToPath(new URL('./support/child-worker.ts', import.meta.url));
const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));

function runWorker(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], { cwd: PACKAGE_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, out: () => stdout, err: () => stderr };
}

let database: { url: string; drop(): Promise<void> };
let handle: DatabaseHandle;

beforeAll(async () => {
  database = await createDatabase('metrics_proc');
});
afterAll(async () => {
  await handle?.close();
  await database?.drop();
});

test('three processes migrating one empty database: each migration applied exactly once', async () => {
  const workers = [0, 1, 2].map(() => runWorker(['migrate', database.url]));
  const codes = await Promise.all(workers.map((w) => w.exited));
  expect(codes).toEqual([0, 0, 0]);
  const results = workers.map((w) => JSON.parse(w.out().trim()) as { applied: number; total: number });
  const total = results[0]!.total;
  expect(results.map((r) => r.applied).reduce((a, b) => a + b, 0)).toBe(total);
  handle = await openDatabase(database.url, { poolSize: 2 });
  expect((await migrate(handle)).applied).toBe(0);
  const hashes = rowsOf<{ n: number; d: number }>(
    await handle.db.execute(sql`select count(*)::int as n, count(distinct hash)::int as d from drizzle.__drizzle_migrations`),
  )[0]!;
  expect([Number(hashes.n), Number(hashes.d)]).toEqual([total, total]);
}, 90_000);

test('a process killed while spooling loses no acknowledged record and duplicates none', async () => {
  const spoolPath = join(mkdtempSync(join(tmpdir(), 'metrics-kill-')), 'metrics.spool');
  const correlationId = randomUUID();
  const worker = runWorker(['spool', spoolPath, correlationId]);
  const acked = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker produced no acks: ${worker.err()}`)), 60_000);
    worker.child.stdout.on('data', () => {
      const acks = worker.out().match(/ack (\d+)/g) ?? [];
      if (acks.length >= 25) {
        worker.child.kill('SIGKILL'); // mid-run, possibly mid-append
        clearTimeout(timer);
        resolve(acks.length);
      }
    });
  });
  await worker.exited;
  const lastAck = Math.max(...(worker.out().match(/ack (\d+)/g) ?? []).map((a) => Number(a.slice(4))));
  expect(lastAck).toBeGreaterThanOrEqual(acked);

  // The killed process's lock names a dead pid: the next owner takes over and flushes.
  handle ??= await openDatabase(database.url, { poolSize: 2 });
  await migrate(handle);
  const store = await createMetricsStore(handle, { spool: { path: spoolPath, onWarning: () => {} } });
  expect(await store.flush()).toMatchObject({ entries: 0 });
  await store.close();
  const rows = rowsOf<{ attempt: number; n: number }>(
    await handle.db.execute(
      sql`select attempt, count(*)::int as n from llm_call_attempts where correlation_id = ${correlationId} group by attempt order by attempt`,
    ),
  ).map((r) => [Number(r.attempt), Number(r.n)]);
  // 1..lastAck each once; at most one more (spooled, killed before it could print its ack).
  expect(rows.slice(0, lastAck)).toEqual(Array.from({ length: lastAck }, (_, i) => [i + 1, 1]));
  expect(rows.length - lastAck).toBeLessThanOrEqual(1);
  expect(rows.every(([, n]) => n === 1)).toBe(true);
}, 90_000);
