// A database of its own on the harness's PostgreSQL server, for one test file (or one scenario).
import { openDatabase } from '@onexgen/metrics';
import { testDatabaseUrl, uniqueSchemaName } from '@onexgen/test-harness';
import { sql } from 'drizzle-orm';

/** Creates a database named after `prefix` and returns its URL. */
export async function freshDatabase(prefix: string): Promise<string> {
  const name = uniqueSchemaName(prefix);
  const admin = await openDatabase(testDatabaseUrl());
  try {
    await admin.db.execute(sql.raw(`create database ${name}`));
  } finally {
    await admin.close();
  }
  const url = new URL(testDatabaseUrl());
  url.pathname = `/${name}`;
  return url.toString();
}
