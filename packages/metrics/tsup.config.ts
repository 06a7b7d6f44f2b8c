import { cpSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.preset';
import { writePgliteTemplate } from './src/pglite-template-build';

// The repository's migrations/ is the single source; the package ships a copy next to dist/ so
// migrate() finds it in an installed tarball (see src/migrations-dir.ts).
const ROOT_MIGRATIONS = fileURLToPath(new URL('../../migrations/', import.meta.url));
const PACKAGE_MIGRATIONS = fileURLToPath(new URL('./migrations/', import.meta.url));
// A PGlite data directory with those migrations applied: new embedded databases start from it.
const PGLITE_TEMPLATE = fileURLToPath(new URL('./pglite-template/', import.meta.url));

export default defineConfig({
  ...packageBuild,
  entry: ['src/index.ts'],
  // ky and modern-tar are ESM-only: CJS consumers could not require them unless they are bundled.
  noExternal: ['ky', 'modern-tar'],
  async onSuccess() {
    rmSync(PACKAGE_MIGRATIONS, { recursive: true, force: true });
    cpSync(ROOT_MIGRATIONS, PACKAGE_MIGRATIONS, { recursive: true });
    rmSync(PGLITE_TEMPLATE, { recursive: true, force: true });
    const made = await writePgliteTemplate(PGLITE_TEMPLATE, PACKAGE_MIGRATIONS);
    console.log(`pglite-template: ${(made.bytes / 1024).toFixed(0)} KiB (PGlite ${made.pglite})`);
  },
});
