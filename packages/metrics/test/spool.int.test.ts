// The spool against a real server that goes away mid-run: a private server (so the shared one is
// never disturbed) is stopped while records keep coming, then started again; every row must be
// present exactly once, and a feedback recorded after the restart must find its spooled history row.
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { createMetricsStore, migrate, openDatabase, type DatabaseHandle } from '../src/index.js';
import type { RecordResult } from '../src/store/metrics-store.js';
import { rowsOf } from '../src/db/rows.js';
import { startRestartableServer, type RestartableServer } from './support/pg.js';
import { ATTEMPTS } from './support/seed-data.js';

let server: RestartableServer;
let handle: DatabaseHandle;

beforeAll(async () => {
  server = await startRestartableServer();
  handle = await openDatabase(server.url, { poolSize: 2, connectTimeoutSeconds: 2 });
  await migrate(handle);
}, 60_000);
afterAll(async () => {
  await handle?.close();
  server?.destroy();
});

test('stop the server mid-run, keep recording, start it: every row present exactly once', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'metrics-spool-int-')), 'metrics.spool');
  const store = await createMetricsStore(handle, {
    spool: { path, flushIntervalMs: 100, retryDelayMs: 100, maxRetryDelayMs: 400, onWarning: () => {} },
  });
  const correlationId = randomUUID();
  const outcomes: RecordResult['storedIn'][] = [];
  const record = async (attempt: number) =>
    outcomes.push((await store.record('attempt', { ...ATTEMPTS[0]!, correlationId, attempt, createdAt: new Date(Date.UTC(2026, 10, 23, 0, 0, attempt)) })).storedIn);

  for (let i = 1; i <= 10; i += 1) await record(i);
  server.stop();
  for (let i = 11; i <= 25; i += 1) await record(i);
  await store.record('history', { correlationId, nodeType: 'effect', methodName: 'charge', promptText: 'p', generatedCode: 'c', validationPassed: true });
  expect(store.spoolStatus()!.entries).toBeGreaterThan(0);
  server.start();
  // Right after the restart: this must not overtake the spooled history row it updates.
  await store.record('feedback', { correlationId, methodName: 'charge', userAccepted: true, manualEditsRequired: true });
  for (let i = 26; i <= 40; i += 1) await record(i);

  for (let tries = 0; tries < 50 && store.spoolStatus()!.entries > 0; tries += 1) {
    await new Promise((r) => setTimeout(r, 100));
    await store.flush();
  }
  expect(store.spoolStatus()!.entries).toBe(0);
  expect(outcomes.slice(0, 10)).toEqual(Array(10).fill('database'));
  expect(outcomes.slice(10, 25)).toEqual(Array(15).fill('spool'));

  const rows = rowsOf<{ attempt: number; n: number }>(
    await handle.db.execute(
      sql`select attempt, count(*)::int as n from llm_call_attempts where correlation_id = ${correlationId} group by attempt order by attempt`,
    ),
  );
  expect(rows.map((r) => [Number(r.attempt), Number(r.n)])).toEqual(Array.from({ length: 40 }, (_, i) => [i + 1, 1]));
  const [history] = rowsOf<{ user_accepted: boolean; manual_edits_required: boolean }>(
    await handle.db.execute(
      sql`select user_accepted, manual_edits_required from llm_generation_history where correlation_id = ${correlationId}`,
    ),
  );
  expect(history).toEqual({ user_accepted: true, manual_edits_required: true });
  await store.close();
}, 60_000);
