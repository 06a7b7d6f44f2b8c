// Proof: PGlite (embedded PostgreSQL in WASM) in memory, through drizzle, under jest ESM.
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { PGlite } from '@electric-sql/pglite';
import { asc, gt } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { createProofTableSql, proofTable } from './proof-schema.js';

const client = new PGlite();
const db = drizzle(client);
const table = proofTable('proof');

beforeAll(async () => {
  for (const sql of createProofTableSql('proof')) await client.exec(sql);
});
afterAll(() => client.close());

test('writes and reads rows in PGlite', async () => {
  await db.insert(table).values([
    { name: 'a', score: 3 },
    { name: 'b', score: 7 },
  ]);
  const rows = await db.select().from(table).where(gt(table.score, 5)).orderBy(asc(table.id));
  expect(rows.map((r) => r.name)).toEqual(['b']);
});
