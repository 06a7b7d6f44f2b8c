// The spool without a server to stop: records made against an unreachable PostgreSQL (a real
// refused connection) are spooled, then flushed into PGlite when a store with a reachable database
// opens the same spool, as the app does after a restart. One PGlite for the file.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { MetricsError, SpoolFullError, createMetricsStore, migrate, openDatabase, type DatabaseHandle } from '../src/index.js';
import { rowsOf } from '../src/db/rows.js';
import { ATTEMPTS, GENERATIONS } from './support/seed-data.js';

let live: DatabaseHandle;
let down: DatabaseHandle;
const dir = mkdtempSync(join(tmpdir(), 'metrics-spool-'));

beforeAll(async () => {
  live = await openDatabase('memory://');
  await migrate(live);
  // Nothing listens on port 1: every query fails with ECONNREFUSED, like a database that is down.
  down = await openDatabase('postgres://onexgen:pw@127.0.0.1:1/metrics', { verify: false, connectTimeoutSeconds: 2 });
});
afterAll(async () => {
  await down.close();
  await live.close();
});

const count = async (where: string) =>
  Number(rowsOf<{ n: number }>(await live.db.execute(sql.raw(`select count(*)::int as n from ${where}`)))[0]!.n);

describe('spool', () => {
  test('records survive an unreachable database and a crash, arrive once and in order', async () => {
    const path = join(dir, 'crash.spool');
    const warnings: string[] = [];
    const offline = await createMetricsStore(down, { spool: { path, onWarning: (m) => warnings.push(m) } });
    const correlationId = randomUUID();
    const results = [
      await offline.record('generation', { ...GENERATIONS[0]!, correlationId }),
      await offline.record('attempt', [
        { ...ATTEMPTS[0]!, correlationId, attempt: 1 },
        { ...ATTEMPTS[0]!, correlationId, attempt: 2 },
      ]),
      await offline.record('history', { correlationId, nodeType: 'effect', methodName: 'charge', promptText: 'p', generatedCode: 'c', validationPassed: true }),
      // Feedback refers to the history row above: it only works if replay keeps the order.
      await offline.record('feedback', { correlationId, methodName: 'charge', userAccepted: true }),
    ];
    expect(results.map((r) => r.storedIn)).toEqual(['spool', 'spool', 'spool', 'spool']);
    expect(offline.spoolStatus()).toMatchObject({ entries: 4, lastError: expect.stringMatching(/ECONNREFUSED/) });
    // The process dies here: no flush. A half-written last line is what a crash mid-append leaves.
    await offline.close();
    appendFileSync(path, '{"kind":"attempt","rows":[{"correl');

    const online = await createMetricsStore(live, { spool: { path, onWarning: (m) => warnings.push(m) } });
    expect(warnings.some((w) => /incomplete last entry/.test(w))).toBe(true);
    expect(online.spoolStatus()?.entries).toBe(4);
    const afterFlush = await online.flush();
    expect(afterFlush).toMatchObject({ entries: 0, bytes: 0 });
    expect(await count(`llm_generation_metrics where correlation_id = '${correlationId}'`)).toBe(1);
    expect(await count(`llm_call_attempts where correlation_id = '${correlationId}'`)).toBe(2);
    expect(await count(`llm_generation_history where correlation_id = '${correlationId}' and user_accepted`)).toBe(1);
    const [kept] = rowsOf<{ created_at: unknown }>(
      await live.db.execute(sql`select created_at::text as created_at from llm_generation_metrics where correlation_id = ${correlationId}`),
    );
    expect(String(kept!.created_at)).toMatch(/^2026-11-20 10:00:00/); // the recorded time, not the flush time
    await online.close();
  });

  test('a crash after the flush wrote rows but before the spool was cut duplicates nothing', async () => {
    const path = join(dir, 'replay.spool');
    const offline = await createMetricsStore(down, { spool: { path } });
    const correlationId = randomUUID();
    await offline.record('attempt', Array.from({ length: 5 }, (_, i) => ({ ...ATTEMPTS[1]!, correlationId, attempt: i + 1 })));
    await offline.close();
    const spooled = readFileSync(path);

    const first = await createMetricsStore(live, { spool: { path } });
    await first.flush();
    await first.close();
    writeFileSync(path, spooled); // as if the truncate never happened
    const second = await createMetricsStore(live, { spool: { path } });
    await second.flush();
    await second.close();
    expect(await count(`llm_call_attempts where correlation_id = '${correlationId}'`)).toBe(5);
  });

  test('bounded: warns when nearly full, then refuses with SpoolFullError', async () => {
    const path = join(dir, 'small.spool');
    const warnings: string[] = [];
    const store = await createMetricsStore(down, { spool: { path, maxBytes: 4096, onWarning: (m) => warnings.push(m) } });
    let refused: unknown;
    for (let i = 1; i <= 50 && !refused; i += 1) {
      refused = await store.record('attempt', { ...ATTEMPTS[0]!, attempt: i }).then(() => undefined, (e: unknown) => e);
    }
    expect(refused).toBeInstanceOf(SpoolFullError);
    expect((refused as MetricsError).code).toBe('SPOOL_FULL');
    expect(store.spoolStatus()!.bytes).toBeLessThanOrEqual(4096);
    expect(warnings.some((w) => /over 80% full/.test(w))).toBe(true);
    expect(warnings.some((w) => /is full .*dropping a attempt record/.test(w))).toBe(true);
    await store.close();
  });

  test('one owner per spool file, and entries the database refuses are set aside', async () => {
    const path = join(dir, 'owned.spool');
    const warnings: string[] = [];
    writeFileSync(path, `${JSON.stringify({ kind: 'attempt', rows: [{ correlationId: 'nope', attempt: 0 }] })}\n`);
    const store = await createMetricsStore(live, { spool: { path, onWarning: (m) => warnings.push(m) } });
    await expect(createMetricsStore(live, { spool: { path } })).rejects.toMatchObject({ code: 'SPOOL_LOCKED' });
    expect(await store.flush()).toMatchObject({ entries: 0 });
    expect(readFileSync(`${path}.rejected`, 'utf8')).toContain('"correlationId":"nope"');
    expect(warnings.some((w) => /refused a attempt entry/.test(w))).toBe(true);
    await store.close();
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  test('a spool path in a folder that does not exist yet is created (lock included)', async () => {
    const path = join(dir, 'not', 'yet', 'metrics.spool');
    const store = await createMetricsStore(down, { spool: { path, onWarning: () => {} } });
    expect(existsSync(`${path}.lock`)).toBe(true);
    expect((await store.record('attempt', { ...ATTEMPTS[0]!, attempt: 1 })).storedIn).toBe('spool');
    expect(readFileSync(path, 'utf8')).toContain('"kind":"attempt"');
    await store.close();
    expect(existsSync(`${path}.lock`)).toBe(false);
  });
});
