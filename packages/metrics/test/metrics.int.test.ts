// On the harness's real PostgreSQL: migrations from empty (and two migrators at once), every
// record function, idempotent retries, the hand-computed aggregates, connection errors.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import {
  DatabaseConnectionError,
  createBudgetSpendStore,
  createMetricsStore,
  createResponseCacheStore,
  migrate,
  openDatabase,
  type DatabaseHandle,
  type MetricsStore,
} from '../src/index.js';
import { rowsOf } from '../src/db/rows.js';
import { aggregateContract, seed } from './support/aggregate-contract.js';
import { createDatabase } from './support/pg.js';
import { ATTEMPTS, GENERATIONS } from './support/seed-data.js';

let database: { url: string; drop(): Promise<void> };
let handle: DatabaseHandle;
let store: MetricsStore;

beforeAll(async () => {
  database = await createDatabase('metrics_int');
  handle = await openDatabase(database.url, { poolSize: 4 });
  await migrate(handle);
  store = await createMetricsStore(handle);
  await seed(store);
});
afterAll(async () => {
  await store?.close();
  await handle?.close();
  await database?.drop();
});

describe('migrate on a real server', () => {
  test('two migrators racing on an empty database apply each migration exactly once', async () => {
    const fresh = await createDatabase('metrics_race');
    const handles = await Promise.all([0, 1, 2].map(() => openDatabase(fresh.url, { poolSize: 2 })));
    try {
      const results = await Promise.all(handles.map((h) => migrate(h)));
      const total = results[0]!.total;
      expect(results.map((r) => r.applied).sort()).toEqual([0, 0, total]);
      const recorded = rowsOf<{ n: number }>(
        await handles[0]!.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`),
      );
      expect(Number(recorded[0]!.n)).toBe(total);
    } finally {
      await Promise.all(handles.map((h) => h.close()));
      await fresh.drop();
    }
  });

  test('the handle is a postgres.js pool on a real server', async () => {
    expect(handle.kind).toBe('postgres');
    const [row] = rowsOf<{ v: string }>(await handle.db.execute(sql`select version() as v`));
    expect(row!.v).toMatch(/^PostgreSQL \d+/);
    expect(handle.location).not.toMatch(/password/);
  });
});

describe('record functions on a real server', () => {
  test('idempotent retry: replaying the same batch adds nothing', async () => {
    const before = await store.aggregate();
    await store.record('generation', GENERATIONS);
    await store.record('attempt', ATTEMPTS);
    const after = await store.aggregate();
    expect(after.generations.count).toBe(before.generations.count);
    expect(after.attempts.count).toBe(before.attempts.count);
  });

  test('history, feedback, context windows, cache and budget', async () => {
    const correlationId = randomUUID();
    await store.record('history', { correlationId, nodeType: 'compute', methodName: 'm', promptText: 'p', generatedCode: 'c', validationPassed: false });
    await store.record('feedback', { correlationId, methodName: 'm', userAccepted: false, userFeedback: 'wrong units' });
    const [h] = rowsOf<{ user_accepted: boolean; user_feedback: string }>(
      await handle.db.execute(sql`select user_accepted, user_feedback from llm_generation_history where correlation_id = ${correlationId}`),
    );
    expect(h).toEqual({ user_accepted: false, user_feedback: 'wrong units' });
    await store.record('contextWindow', [{ provider: 'p', model: 'm', contextWindow: 8192 }]);
    expect((await store.listContextWindows()).map((w) => w.contextWindow)).toEqual([8192]);
    const cache = createResponseCacheStore(handle);
    await cache.set('h', { ok: true }, { ttlMs: 60_000 });
    expect((await cache.get('h'))?.response).toEqual({ ok: true });
    const budget = createBudgetSpendStore(handle);
    await Promise.all(Array.from({ length: 10 }, () => budget.addSpend('node:x', 'all', 7)));
    expect(await budget.getSpend('node:x', 'all')).toBe(70);
  });
});

describe('the response-cache lookup (a prepared statement) on a server connection that lacks it', () => {
  test('is prepared again and answers the same', async () => {
    // one connection; DEALLOCATE ALL is what a client sees when a transaction-mode pooler gives it a
    // server connection that never saw its PREPARE: postgres.js prepares the statement again
    const single = await openDatabase(database.url, { poolSize: 1 });
    try {
      const cache = createResponseCacheStore(single);
      await cache.set('pooled', { answer: 42 }, { ttlMs: 60_000 });
      expect((await cache.get('pooled'))?.hits).toBe(0);
      await single.db.execute(sql`deallocate all`);
      expect(await cache.get('pooled')).toMatchObject({ response: { answer: 42 }, hits: 1 });
      expect(await cache.get('absent')).toBeUndefined();
      expect((await cache.get('pooled'))?.hits).toBe(2);
    } finally {
      await single.close();
    }
  });
});

describe('system prompts stored once on a real server', () => {
  test('workers committing the same new system prompt at once: every row lands, one text row, prompts read back whole', async () => {
    const system = `A system prompt no one has stored yet (${randomUUID()}). ${'Rules. '.repeat(1500)}`;
    const correlationId = randomUUID();
    // eight transactions at once, each recording its own row with the same new text, as queued
    // method jobs do in their commit transactions (recordIn: the writer remembers nothing)
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        handle.db.transaction(async (tx) => {
          await store.recordIn(tx, 'history', { correlationId, nodeType: 'compute', methodName: `m${i}`, systemPrompt: system, promptText: `write m${i}`, generatedCode: 'return 1', validationPassed: true });
        }),
      ),
    );
    const [texts] = rowsOf<{ n: number }>(await handle.db.execute(sql`select count(*)::int as n from llm_prompt_texts where text = ${system}`));
    expect(Number(texts!.n)).toBe(1);
    const attempts = await store.generationAttempts(correlationId);
    expect(attempts.map((a) => [a.methodName, a.prompt])).toEqual(Array.from({ length: 8 }, (_, i) => [`m${i}`, `${system}\n\nwrite m${i}`]));
    // a transaction that rolls back leaves neither its row nor a text only it stored
    const other = `${system} (rolled back)`;
    await expect(
      handle.db.transaction(async (tx) => {
        await store.recordIn(tx, 'history', { correlationId, nodeType: 'compute', methodName: 'gone', systemPrompt: other, promptText: 'x', generatedCode: 'pass', validationPassed: false });
        throw new Error('the job lost its commit');
      }),
    ).rejects.toThrow('the job lost its commit');
    const [left] = rowsOf<{ n: number }>(await handle.db.execute(sql`select count(*)::int as n from llm_prompt_texts where text = ${other}`));
    expect(Number(left!.n)).toBe(0);
    expect((await store.generationAttempts(correlationId)).map((a) => a.methodName)).not.toContain('gone');
  });
});

describe('aggregate on a real server', () => aggregateContract(() => store));

describe('connection errors', () => {
  test('name host, port and cause, never the password', async () => {
    const closedPort = 1; // nothing listens on port 1
    const err = await openDatabase(`postgres://alice:Sup3r%24ecret@127.0.0.1:${closedPort}/metrics`, {
      connectTimeoutSeconds: 3,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseConnectionError);
    const message = (err as Error).message;
    expect(message).toMatch(/alice@127\.0\.0\.1:1\/metrics/);
    expect(message).toMatch(/ECONNREFUSED/);
    expect(message).not.toMatch(/Sup3r/);
    expect(JSON.stringify(err)).not.toMatch(/Sup3r/);
  });

  test('an unknown database is named in the error', async () => {
    const url = new URL(database.url);
    url.pathname = '/no_such_db_here';
    url.password = 'pw-never-shown';
    const err = await openDatabase(url.toString()).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/no_such_db_here.*does not exist/);
    expect((err as Error).message).not.toMatch(/pw-never-shown/);
  });
});
