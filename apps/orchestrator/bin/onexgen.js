#!/usr/bin/env node
// The `onexgen` command. The CLI is built to dist/ by `npm install` (root prepare) or `npm run build`.
import('../dist/cli.js').then(
  (cli) => cli.main(process.argv),
  (err) => {
    if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/cli.js')) {
      console.error('onexgen is not built yet: run `npm run build` in the workspace root.');
    } else {
      console.error(err);
    }
    process.exit(2);
  },
);
