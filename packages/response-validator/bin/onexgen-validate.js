#!/usr/bin/env node
// The `onexgen-validate` command. A committed file (not dist/cli.js itself) so that npm can link the
// bin when a workspace is installed before its first build; it runs the built CLI.
import module from 'node:module';

// Node 22.1+ keeps V8's compiled code of the CLI's modules on disk between calls (start-up is
// mostly module compilation); Node 20 has no such API and skips this.
module.enableCompileCache?.();
import('../dist/cli.js').catch((err) => {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/cli.js')) {
    console.error('onexgen-validate is not built yet: run `npm run build` in the workspace root.');
  } else {
    console.error(err);
  }
  process.exit(2);
});
