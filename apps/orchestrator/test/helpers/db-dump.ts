// Reads what a run stored: row counts and the full text of every table (to prove no key leaked).
import { openDatabase } from '@onexgen/metrics';
import { sql } from 'drizzle-orm';

type Rows = Record<string, unknown>[];

function rowsOf(result: unknown): Rows {
  return Array.isArray(result) ? (result as Rows) : ((result as { rows: Rows }).rows ?? []);
}

export async function dumpDatabase(url: string, schema = 'public'): Promise<{ counts: Record<string, number>; text: string; rows: Record<string, Rows> }> {
  const handle = await openDatabase(url, { verify: true });
  try {
    const tables = rowsOf(
      await handle.db.execute(sql`select table_name from information_schema.tables where table_schema = ${schema} and table_type = 'BASE TABLE'`),
    ).map((r) => String(r.table_name));
    const rows: Record<string, Rows> = {};
    for (const t of tables) rows[t] = rowsOf(await handle.db.execute(sql.raw(`select * from "${schema}"."${t}"`)));
    const counts = Object.fromEntries(Object.entries(rows).map(([t, r]) => [t, r.length]));
    return { counts, rows, text: JSON.stringify(rows) };
  } finally {
    await handle.close();
  }
}
