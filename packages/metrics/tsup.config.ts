import { cpSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'tsup';

// The repository's migrations/ is the single source; the package ships a copy next to dist/ so
// migrate() finds it in an installed tarball (see src/migrations-dir.ts).
const ROOT_MIGRATIONS = fileURLToPath(new URL('../../migrations/', import.meta.url));
const PACKAGE_MIGRATIONS = fileURLToPath(new URL('./migrations/', import.meta.url));

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  target: 'node20',
  platform: 'node',
  sourcemap: true,
  clean: true,
  // import.meta.url in the CJS build (data files are located relative to the module).
  shims: true,
  // ky is ESM-only: CJS consumers get `ky.default.get is not a function` unless it is bundled.
  noExternal: ['ky'],
  async onSuccess() {
    rmSync(PACKAGE_MIGRATIONS, { recursive: true, force: true });
    cpSync(ROOT_MIGRATIONS, PACKAGE_MIGRATIONS, { recursive: true });
  },
});
