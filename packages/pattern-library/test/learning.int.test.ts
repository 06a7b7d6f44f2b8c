// The learning stores on the harness's real PostgreSQL, in a database of their own.
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { testDatabaseUrl } from '@onexgen/test-harness';
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { createPatternStore, createTemplateStore } from '../src/index.js';
import { MIGRATIONS_DIR } from './pglite-db.js';

const dbName = `pattern_lib_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
const admin = postgres(testDatabaseUrl(), { max: 1, onnotice: () => {} });
let client: postgres.Sql;
let db: PostgresJsDatabase;

beforeAll(async () => {
  await admin.unsafe(`CREATE DATABASE "${dbName}"`);
  const url = new URL(testDatabaseUrl());
  url.pathname = `/${dbName}`;
  client = postgres(url.toString(), { max: 4, onnotice: () => {} });
  db = drizzle(client);
  await migrate(db, { migrationsFolder: MIGRATIONS_DIR });
});

afterAll(async () => {
  await client?.end();
  await admin.unsafe(`DROP DATABASE IF EXISTS "${dbName}"`);
  await admin.end();
});

test('concurrent outcomes from many workers all count (SQL increments, no lost update)', async () => {
  const stores = [createPatternStore(db), createPatternStore(db), createPatternStore(db)];
  await Promise.all(
    Array.from({ length: 30 }, (_, i) => stores[i % 3]!.recordPatternUsage('error_handling_v1', { passed: i % 5 !== 0, score: 0.9 })),
  );
  const eff = await stores[0]!.effectiveness('error_handling_v1');
  expect(eff).toMatchObject({ uses: 30, passes: 24 });
  expect(eff.alpha).toBeCloseTo(1 + 24 * 0.9, 9);
  expect(eff.flaggedForPruning).toBe(false);
});

test('learns a generation, reuses its template in another worker, and reports savings', async () => {
  const patterns = createPatternStore(db);
  const code = 'async with self.pool.acquire() as conn:\n    async with conn.transaction():\n        await conn.execute("DELETE FROM carts WHERE id = $1", cart_id)\n';
  const learned = await patterns.recordLearnedPattern({ code, score: 0.88, sessionId: 'int-1', nodeType: 'effect' });
  expect(learned.stored.map((r) => r.patternName).sort()).toEqual(['connection_pooling', 'transaction_management']);

  const writer = createTemplateStore(db);
  const reader = createTemplateStore(db);
  const signature = { nodeType: 'effect' as const, methodName: 'delete_cart', params: ['cart_id'], features: ['transactions'] };
  expect((await writer.learn(signature, code, { score: 0.88, costMicros: 300_000 })).status).toBe('created');
  const [hit] = await reader.findSimilar({ ...signature, methodName: 'delete_wishlist', params: ['wishlist_id'] });
  expect(hit?.similarity).toBe(1);
  const rendered = await reader.render(hit!.template, { ...signature, methodName: 'delete_wishlist', params: ['wishlist_id'] });
  expect(rendered.code).toContain('DELETE FROM wishlists WHERE id = $1", wishlist_id');
  expect(await writer.savings()).toMatchObject({ reuses: 1, savedMicros: 300_000 });
});
