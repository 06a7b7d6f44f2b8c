import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.preset';

export default defineConfig({
  ...packageBuild,
  // two entries: the vocabulary, and tokens (kept apart so the vocabulary never loads tiktoken's WASM)
  entry: ['src/index.ts', 'src/tokens.ts'],
  // change-case ships ESM only: bundle it so the CJS build works.
  noExternal: ['change-case'],
});
