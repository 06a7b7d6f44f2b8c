#!/usr/bin/env node
// Runs the built simulator (build it first: `npx tsup` in tools/llm-sim).
import { runCli } from '../dist/index.js';

runCli(process.argv).catch((error) => {
  process.stderr.write(`llm-sim: ${error.message}\n`);
  process.exit(1);
});
