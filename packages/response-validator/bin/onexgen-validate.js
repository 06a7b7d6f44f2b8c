#!/usr/bin/env node
// The `onexgen-validate` command. A committed file (not dist/cli.js itself) so that npm can link the
// bin when a workspace is installed before its first build; it runs the built CLI.
import('../dist/cli.js').catch((err) => {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/cli.js')) {
    console.error('onexgen-validate is not built yet: run `npm run build` in the workspace root.');
  } else {
    console.error(err);
  }
  process.exit(2);
});
