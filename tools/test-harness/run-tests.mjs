#!/usr/bin/env node
// `npm test`: build, lint, typecheck and test every project through nx, with ONE throwaway PostgreSQL
// shared by all integration tests (jest's globalSetup sees DATABASE_URL and starts nothing more).
// Prints a closing "N passed, N failed" line over all projects.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { startServer } = require('./pg-server.cjs');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const extra = process.argv.slice(2);

let server = null;
if (!process.env.DATABASE_URL) {
  try {
    server = await startServer();
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
  process.env.DATABASE_URL = server.url;
  console.log(`test PostgreSQL started for this run (${server.url.replace(/\/\/[^@]*@/, '//')})`);
}

const resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onexgen-results-'));
const env = { ...process.env, ONEXGEN_TEST_RESULTS_DIR: resultsDir, NX_DAEMON: 'false', NX_TUI: 'false', FORCE_COLOR: process.env.CI ? '0' : process.env.FORCE_COLOR };
const nx = path.join(root, 'node_modules/nx/dist/bin/nx.js');
const run = (args) => spawnSync(process.execPath, [nx, ...args], { cwd: root, env, stdio: 'inherit' }).status ?? 1;

const started = Date.now();
let status = run(['run-many', '-t', 'build', '--outputStyle=stream']);
// `nx release --dry-run` runs inside the tests: tools/release/test/release-dry-run.test.ts asserts its plan
if (status === 0) status = run(['run-many', '-t', 'lint', 'typecheck', 'test', '--outputStyle=stream', '--nxBail=false', ...extra]);
server?.stop();

let passed = 0, failed = 0, skipped = 0, failedSuites = 0;
for (const file of fs.readdirSync(resultsDir)) {
  const r = JSON.parse(fs.readFileSync(path.join(resultsDir, file), 'utf8'));
  passed += r.passed; failed += r.failed; skipped += r.skipped; failedSuites += r.failedSuites;
}
fs.rmSync(resultsDir, { recursive: true, force: true });
console.log(`\nworkspace tests finished in ${((Date.now() - started) / 1000).toFixed(1)} s (suites failed: ${failedSuites})`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(status === 0 && failed === 0 && failedSuites === 0 ? 0 : 1);
