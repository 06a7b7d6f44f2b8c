#!/usr/bin/env node
// A new embedded database, opened and migrated, with and without the pre-migrated template
// (@onexgen/metrics openDatabase fromTemplate), each case in a fresh process (PGlite's first start
// in a process is the cost being measured), beside `node -e 0` in the same run. Prints medians;
// asserts nothing. Usage: node tools/bench/pglite-open.mjs [runs=3]   (after npm run build)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const METRICS = fileURLToPath(new URL('../../packages/metrics/dist/index.js', import.meta.url));
const runs = Number(process.argv[2] ?? 3);
const work = mkdtempSync(join(tmpdir(), 'onexgen-pglite-open-'));

const child = `
const { openDatabase, migrate } = await import(${JSON.stringify(METRICS)});
const [url, template] = process.argv.slice(1);
const handle = await openDatabase(url, { fromTemplate: template === 'yes' });
await migrate(handle);
await handle.close();`;

function timeOnce(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
let n = 0;
const newDir = () => join(work, `db-${n++}`);

const cases = [
  ['node -e 0', () => timeOnce(['-e', '0'])],
  ['memory://, template', () => timeOnce(['--input-type=module', '-e', child, 'memory://', 'yes'])],
  ['memory://, initdb', () => timeOnce(['--input-type=module', '-e', child, 'memory://', 'no'])],
  ['new folder, template', () => timeOnce(['--input-type=module', '-e', child, newDir(), 'yes'])],
  ['new folder, initdb', () => timeOnce(['--input-type=module', '-e', child, newDir(), 'no'])],
];
const results = cases.map(([name, fn]) => ({ name, median: median(Array.from({ length: runs }, fn)) }));
const peer = results[0].median;
console.log(`Node ${process.version}, ${runs} runs each, medians (open + migrate + close, one process per run)`);
console.log('| case | median | × node -e 0 |\n|---|---|---|');
for (const r of results) console.log(`| ${r.name} | ${r.median.toFixed(0)} ms | ${(r.median / peer).toFixed(1)} |`);
rmSync(work, { recursive: true, force: true });
