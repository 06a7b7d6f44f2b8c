import { defineConfig } from 'tsup';

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
});
