// A tiny drizzle table used only by the harness proofs.
import { integer, pgSchema, serial, text } from 'drizzle-orm/pg-core';

export function proofTable(schemaName: string) {
  const schema = pgSchema(schemaName);
  return schema.table('harness_proof', {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    score: integer('score').notNull(),
  });
}

export function createProofTableSql(schemaName: string): string[] {
  return [
    `CREATE SCHEMA IF NOT EXISTS "${schemaName}"`,
    `CREATE TABLE "${schemaName}".harness_proof (id serial PRIMARY KEY, name text NOT NULL, score integer NOT NULL)`,
  ];
}
