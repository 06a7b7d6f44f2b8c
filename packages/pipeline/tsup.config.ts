import { defineConfig } from 'tsup';

export default defineConfig({
  // two entries: the pipeline, and its error type alone (the CLI loads that at start-up, the rest when a command runs)
  entry: ['src/index.ts', 'src/errors.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  target: 'node20',
  platform: 'node',
  sourcemap: true,
  clean: true,
  // import.meta.url in the CJS build (the skeleton templates are located relative to the module).
  shims: true,
});
