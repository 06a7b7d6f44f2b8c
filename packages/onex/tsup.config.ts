import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.preset';

export default defineConfig({
  ...packageBuild,
  // three entries: the vocabulary; tokens (kept apart so the vocabulary never loads tiktoken's WASM);
  // threads (kept apart so the vocabulary's declarations need no Node types: consumers of
  // response-validator compile them without @types/node)
  entry: ['src/index.ts', 'src/tokens.ts', 'src/threads.ts'],
  // change-case ships ESM only: bundle it so the CJS build works.
  noExternal: ['change-case'],
});
