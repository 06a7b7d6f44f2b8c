// A new embedded database need not run initdb and every migration: the build stores a PGlite data
// directory with the migrations applied (pglite-template/, shipped in the tarball), and a new
// database starts as a copy of it (PGlite `loadDataDir`). PGlite's initdb in WASM is most of a first
// start (~6-13 s here); loading the template takes ~2-3 s. The template is used only when it was made
// from exactly the migrations and the PGlite version this install has; otherwise openDatabase runs
// initdb as before and migrate() does the rest.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { findMigrationsDir } from './migrations-dir.js';
import { pgliteDistDir } from './pglite-dist.js';

/** <package>/pglite-template/ from src/pglite-template.ts or from dist/index.js */
export const PGLITE_TEMPLATE_DIR = fileURLToPath(new URL('../pglite-template/', import.meta.url));
export const TEMPLATE_DATA = 'pgdata.tar.gz';
export const TEMPLATE_META = 'template.json';

export interface TemplateMeta {
  pglite: string;
  migrations: string;
}

/** One string for "these migrations, in this order, with this content". */
export function migrationsFingerprint(folder: string): string {
  const hashes = readMigrationFiles({ migrationsFolder: folder }).map((m) => `${m.folderMillis}:${m.hash}`);
  return createHash('sha256').update(hashes.join('\n')).digest('hex');
}

/** The installed PGlite's version (its package.json is not exported: found beside its entry). */
export function pgliteVersion(): string | undefined {
  let dir = pgliteDistDir();
  for (let depth = 0; depth < 4; depth += 1, dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (manifest.name === '@electric-sql/pglite') return manifest.version;
  }
  return undefined;
}

/** The template's data when it matches this install's migrations and PGlite, else undefined. */
export function loadPgliteTemplate(dir: string = PGLITE_TEMPLATE_DIR): Blob | undefined {
  const metaFile = join(dir, TEMPLATE_META);
  const dataFile = join(dir, TEMPLATE_DATA);
  const migrations = findMigrationsDir();
  if (!migrations || !existsSync(metaFile) || !existsSync(dataFile)) return undefined;
  try {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as Partial<TemplateMeta>;
    if (meta.pglite !== pgliteVersion() || meta.migrations !== migrationsFingerprint(migrations)) return undefined;
    return new Blob([readFileSync(dataFile)]);
  } catch {
    return undefined; // an unreadable template is no template: initdb as before
  }
}
