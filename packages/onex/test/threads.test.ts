// A thread starts with the process's Node flags minus those a thread refuses: V8's (memory limits,
// GC flags) and per-process ones are left out (they already hold for every thread of the process),
// the rest (source maps, profilers, inspectors) are passed on. Checked in child processes started
// with such flags, on the built module, as `node --max-old-space-size=… onexgen …` would run it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from '@jest/globals';

const BUILT = fileURLToPath(new URL('../dist/threads.js', import.meta.url));

// two threads in a row: the second starts without a refusal (the refused flags are remembered)
const probe = `
const { startThread } = await import(${JSON.stringify(BUILT)});
const flagsOfAThread = () =>
  new Promise((resolve, reject) => {
    const worker = startThread("require('node:worker_threads').parentPort.postMessage(process.execArgv)", { eval: true });
    worker.once('message', (flags) => { void worker.terminate(); resolve(flags); });
    worker.once('error', reject);
  });
const first = await flagsOfAThread();
const second = await flagsOfAThread();
console.log(JSON.stringify({ main: process.execArgv, first, second }));
`;

// a script file, not `-e`: node lists an -e script among its execArgv
const dir = mkdtempSync(join(tmpdir(), 'onexgen-threads-'));
const script = join(dir, 'probe.mjs');
writeFileSync(script, probe);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(flags: string[]): { main: string[]; first: string[]; second: string[] } {
  if (!existsSync(BUILT)) throw new Error('packages/onex/dist/threads.js is missing: build first (cd packages/onex && npx tsup)');
  const child = spawnSync(process.execPath, [...flags, script], { encoding: 'utf8' });
  expect(child.stderr).toBe('');
  expect(child.status).toBe(0);
  return JSON.parse(child.stdout) as { main: string[]; first: string[]; second: string[] };
}

describe('startThread', () => {
  it('leaves out the flags a thread refuses and passes on the others', () => {
    const seen = run(['--max-old-space-size=512', '--stack-size=900', '--enable-source-maps', '--expose-gc']);
    expect(seen.main).toEqual(['--max-old-space-size=512', '--stack-size=900', '--enable-source-maps', '--expose-gc']);
    expect(seen.first).toEqual(['--enable-source-maps']);
    expect(seen.second).toEqual(['--enable-source-maps']);
  });

  it('passes every flag on when the thread takes them all', () => {
    const seen = run(['--enable-source-maps', '--no-deprecation']);
    expect(seen.first).toEqual(['--enable-source-maps', '--no-deprecation']);
  });
});
