import { defineConfig } from 'tsup';

export default defineConfig({
  // two entries: the vocabulary, and tokens (kept apart so the vocabulary never loads tiktoken's WASM)
  entry: ['src/index.ts', 'src/tokens.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  target: 'node20',
  platform: 'node',
  sourcemap: true,
  clean: true,
  // import.meta.url in the CJS build (data files are located relative to the module).
  shims: true,
  // change-case ships ESM only: bundle it so the CJS build works.
  noExternal: ['change-case'],
});
