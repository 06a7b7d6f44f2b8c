// The ONE place that locates the SQL migrations. The build copies the repository's migrations/ into
// the package (packages/metrics/migrations, shipped in the tarball); running from source in the
// repository, the root migrations/ folder is the single source.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CANDIDATES = [
  // dist/index.js or src/migrations-dir.ts → <package>/migrations/
  new URL('../migrations/', import.meta.url),
  // src/ or dist/ inside the monorepo → <repo>/migrations/
  new URL('../../../migrations/', import.meta.url),
];

export function findMigrationsDir(): string | undefined {
  for (const url of CANDIDATES) {
    const dir = fileURLToPath(url);
    if (existsSync(`${dir}meta/_journal.json`)) return dir;
  }
  return undefined;
}
