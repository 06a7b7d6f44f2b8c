#!/usr/bin/env node
// The `onexgen` command. The CLI is built to dist/ by `npm install` (root prepare) or `npm run build`.
import { raiseJitBudget } from './jit-budget.js';

// before any of the CLI's code loads (why: jit-budget.js)
raiseJitBudget();

// Loading the CLI takes a second or more on a busy machine; a Ctrl-C or SIGTERM in that window
// would otherwise kill the process silently. Nothing has started yet: say so and exit 3 (interrupted).
const beforeStart = (signal) => {
  const message = `interrupted (${signal}) before the run started: nothing was read or written`;
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify({ stopReason: 'interrupted', exitCode: 3, message })}\n`);
  else process.stderr.write(`stopped: ${message}\n`);
  process.exit(3);
};
process.on('SIGINT', beforeStart);
process.on('SIGTERM', beforeStart);

import('../dist/cli.js').then(
  (cli) => {
    // from here the CLI's own handlers stop the run (cli/interrupt.ts)
    process.off('SIGINT', beforeStart);
    process.off('SIGTERM', beforeStart);
    return cli.main(process.argv);
  },
  (err) => {
    if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/cli.js')) {
      console.error('onexgen is not built yet: run `npm run build` in the workspace root.');
    } else {
      console.error(err);
    }
    process.exit(2);
  },
);
