import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { defineConfig } from 'tsup';
import { BUNDLE_KY, packageBuild } from '../../tsup.preset';
import { PACKED_DEFAULT_API_INDEX, writePackedDefaultIndex } from './src/api-index/load-index.js';
import { compileDataFiles } from './src/data-files.js';
import { ProfileSchema } from './src/profiles/schema.js';
import { BuiltinsFileSchema } from './src/validation/builtins.js';

const require = createRequire(import.meta.url);

export default defineConfig({
  ...packageBuild,
  // the validation thread is a script of its own (thread/validator-thread-client.ts starts it)
  entry: { index: 'src/index.ts', cli: 'src/cli/bin.ts', 'validator-thread': 'src/validator-thread.ts' },
  noExternal: BUNDLE_KY,
  // The grammar travels inside the package (load-parser.ts reads it beside the bundle): installs
  // need no tree-sitter-python (native prebuilds, C sources, an install script) for a 448 KB file.
  // The YAML data files are compiled to checked JSON in dist/data/ (src/data-files.ts: a CLI call
  // never loads the yaml parser), and the shipped API index is packed there (packed-index.ts).
  onSuccess: async () => {
    fs.copyFileSync(require.resolve('tree-sitter-python/tree-sitter-python.wasm'), 'dist/tree-sitter-python.wasm');
    compileDataFiles('dist/data', (name) => (name === 'python/builtins' ? BuiltinsFileSchema : ProfileSchema));
    writePackedDefaultIndex(path.join('dist/data/api', path.basename(PACKED_DEFAULT_API_INDEX)));
  },
});
