import { defineConfig } from 'tsup';

export default defineConfig({
  // three entries: the pipeline; its error type alone (the CLI loads that at start-up, the rest when a
  // command runs); opening the migrated database alone (db migrate and read-only commands need no more)
  entry: ['src/index.ts', 'src/errors.ts', 'src/database.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  target: 'node20',
  platform: 'node',
  sourcemap: true,
  clean: true,
  // import.meta.url in the CJS build (the skeleton templates are located relative to the module).
  shims: true,
});
