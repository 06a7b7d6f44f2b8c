// Build step (tsup onSuccess, not part of the package's API): makes pglite-template/ — a fresh
// in-memory PGlite, this package's migrate(), then PGlite's dumpDataDir — and records what it was
// made from so loadPgliteTemplate() can refuse a stale one.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from './db/migrate.js';
import { migrationsFingerprint, pgliteVersion, TEMPLATE_DATA, TEMPLATE_META, type TemplateMeta } from './pglite-template.js';

export async function writePgliteTemplate(outDir: string, migrationsFolder: string): Promise<TemplateMeta & { bytes: number }> {
  const client = new PGlite();
  try {
    await client.waitReady;
    const db = drizzle(client);
    await migrate({ db, kind: 'pglite', location: 'template', close: async () => {} }, { migrationsFolder });
    // a checkpoint first, so the dump holds the migrated tables in the data files themselves
    await client.exec('checkpoint');
    const dump = await client.dumpDataDir('gzip');
    const meta: TemplateMeta = { pglite: pgliteVersion() ?? 'unknown', migrations: migrationsFingerprint(migrationsFolder) };
    mkdirSync(outDir, { recursive: true });
    const bytes = Buffer.from(await dump.arrayBuffer());
    writeFileSync(join(outDir, TEMPLATE_DATA), bytes);
    writeFileSync(join(outDir, TEMPLATE_META), `${JSON.stringify(meta, null, 2)}\n`);
    return { ...meta, bytes: bytes.length };
  } finally {
    await client.close();
  }
}
