#!/usr/bin/env node
// Entry of the `onexgen-validate` bin (see run-cli.ts for options and exit codes).
import { runValidateCli } from './run-cli.js';

runValidateCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`onexgen-validate: unexpected failure: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exitCode = 2;
  },
);
