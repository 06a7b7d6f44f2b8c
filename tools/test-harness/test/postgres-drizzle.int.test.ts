// Proof: the harness's real PostgreSQL server, through postgres.js and drizzle.
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { sql as rawSql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { testDatabaseUrl, uniqueSchemaName } from '../src/index.js';
import { createProofTableSql, proofTable } from './proof-schema.js';

const schemaName = uniqueSchemaName('harness');
const client = postgres(testDatabaseUrl(), { max: 2, onnotice: () => {} });
const db = drizzle(client);
const table = proofTable(schemaName);

beforeAll(async () => {
  for (const stmt of createProofTableSql(schemaName)) await client.unsafe(stmt);
});
afterAll(async () => {
  await client.unsafe(`DROP SCHEMA "${schemaName}" CASCADE`);
  await client.end();
});

test('the server is a real PostgreSQL, not PGlite', async () => {
  const [row] = await db.execute<{ version: string }>(rawSql`select version() as version`);
  expect(row!.version).toMatch(/^PostgreSQL \d+/);
  expect(row!.version).not.toMatch(/emscripten|wasm/i);
});

test('writes and reads rows through drizzle', async () => {
  const inserted = await db.insert(table).values({ name: 'x', score: 42 }).returning();
  expect(inserted[0]!.id).toBeGreaterThan(0);
  const rows = await db.select().from(table);
  expect(rows).toEqual([{ id: inserted[0]!.id, name: 'x', score: 42 }]);
});
