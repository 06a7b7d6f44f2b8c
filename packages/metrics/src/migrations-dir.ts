// The ONE place that locates the SQL migrations. The build copies the repository's migrations/ into
// the package (packages/metrics/migrations, shipped in the tarball). Running from source (jest, tsc
// paths), the repository's root migrations/ is the single source and wins over a copy that an older
// build may have left behind.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** <package>/migrations/ from src/migrations-dir.ts or from dist/index.js */
const PACKAGE_COPY = new URL('../migrations/', import.meta.url);
/** <repo>/migrations/ from src/ or dist/ inside the monorepo */
const REPOSITORY_SOURCE = new URL('../../../migrations/', import.meta.url);

const runningFromSource = /\/src\/[^/]+$/.test(new URL(import.meta.url).pathname);

export function findMigrationsDir(): string | undefined {
  const candidates = runningFromSource ? [REPOSITORY_SOURCE, PACKAGE_COPY] : [PACKAGE_COPY, REPOSITORY_SOURCE];
  for (const url of candidates) {
    const dir = fileURLToPath(url);
    if (existsSync(`${dir}meta/_journal.json`)) return dir;
  }
  return undefined;
}
