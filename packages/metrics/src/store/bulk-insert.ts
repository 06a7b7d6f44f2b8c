// Many rows in one statement with ONE parameter: the rows as a JSON array, expanded by the server
// with jsonb_to_recordset. tools/bench/metrics-bench.mjs measured it 2.4-3.0x (PGlite) and 3.0-3.8x
// (postgres.js) faster than drizzle's multi-row VALUES, which builds one placeholder per cell in
// JS; it never approaches the 65535-parameter cap, and the statement's text is the same for any
// number of rows (one parse shape on the server, not one per batch size).
// Column names and SQL types come from the drizzle table, so this cannot drift from the schema.
// A column no row gives is left out, so it takes its default; a row that lacks a column another
// row gives stores null there.
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { MetricsDb } from '../db/open-database.js';
import type { Row } from './normalize.js';

const DO_NOTHING = sql.raw('on conflict do nothing');

/** Inserts `rows` into `table`; `onConflict` is the statement's ON CONFLICT clause (default: do nothing). */
export async function bulkInsert(db: MetricsDb, table: PgTable, rows: readonly Row[], onConflict: SQL = DO_NOTHING): Promise<void> {
  const columns = Object.entries(getTableColumns(table) as Record<string, PgColumn>).filter(([key]) =>
    rows.some((row) => row[key] !== undefined),
  );
  const payload = JSON.stringify(
    rows.map((row) => Object.fromEntries(columns.map(([key, column]) => [column.name, row[key] ?? null]))),
  );
  const names = columns.map(([, column]) => `"${column.name}"`).join(', ');
  const shape = columns.map(([, column]) => `"${column.name}" ${column.getSQLType()}`).join(', ');
  await db.execute(
    sql`insert into ${table} (${sql.raw(names)}) select ${sql.raw(names)} from jsonb_to_recordset(${payload}::jsonb) as r(${sql.raw(shape)}) ${onConflict}`,
  );
}
