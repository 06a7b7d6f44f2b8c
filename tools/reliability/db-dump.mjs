// What a run stored: row counts and the text of every table (to compare with what the CLI said and
// to look for the key). Works on the embedded PGlite folder or a PostgreSQL URL.
import { openDatabase } from '@onexgen/metrics';
import { sql } from 'drizzle-orm';

const rowsOf = (result) => (Array.isArray(result) ? result : (result?.rows ?? []));

export async function dumpDatabase(url, schema = 'public') {
  const handle = await openDatabase(url, { verify: true });
  try {
    const tables = rowsOf(
      await handle.db.execute(sql`select table_name from information_schema.tables where table_schema = ${schema} and table_type = 'BASE TABLE'`),
    ).map((r) => String(r.table_name));
    const rows = {};
    for (const t of tables) rows[t] = rowsOf(await handle.db.execute(sql.raw(`select * from "${schema}"."${t}"`)));
    const counts = Object.fromEntries(Object.entries(rows).map(([t, r]) => [t, r.length]));
    return { counts, rows, text: JSON.stringify(rows) };
  } finally {
    await handle.close();
  }
}
