#!/usr/bin/env node
// A new embedded database, opened and migrated, with and without the pre-migrated template
// (@onexgen/metrics openDatabase fromTemplate), each case in a fresh process (PGlite's first start
// in a process is the cost being measured), beside `node -e 0` in the same run. Prints medians;
// asserts nothing. Usage: node tools/bench/pglite-open.mjs [runs=3] [--no-initdb]   (after npm run build)
// "new folder, template" is what openDatabase does (the template unpacked by Node, then opened);
// "new folder, loadDataDir" is how it did it before (PGlite untars the template into the folder).
// Wall and CPU time (user + system of the child, all threads) are both printed: under load from
// other jobs the wall time is mostly waiting for a core.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const METRICS = fileURLToPath(new URL('../../packages/metrics/dist/index.js', import.meta.url));
const runs = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 3);
const skipInitdb = process.argv.includes('--no-initdb');
const work = mkdtempSync(join(tmpdir(), 'onexgen-pglite-open-'));

const cpuAtExit = "import { writeSync } from 'node:fs'; process.on('exit', () => { const u = process.cpuUsage(); writeSync(2, `cpu-us ${u.user + u.system}\\n`); });";
const child = `${cpuAtExit}
const { openDatabase, migrate } = await import(${JSON.stringify(METRICS)});
const [url, template] = process.argv.slice(1);
const handle = await openDatabase(url, { fromTemplate: template === 'yes' });
await migrate(handle);
await handle.close();`;
// the previous way for a folder: PGlite's loadDataDir untars the template into it
const loadDataDirChild = `${cpuAtExit}
const { readFileSync } = await import('node:fs');
const { createRequire } = await import('node:module');
const req = createRequire(${JSON.stringify(METRICS)});
const { PGlite } = await import(req.resolve('@electric-sql/pglite'));
const { drizzle } = await import(req.resolve('drizzle-orm/pglite'));
const { migrate } = await import(${JSON.stringify(METRICS)});
const data = readFileSync(new URL('../pglite-template/pgdata.tar.gz', ${JSON.stringify(`file://${METRICS}`)}));
const client = new PGlite({ dataDir: process.argv[1], loadDataDir: new Blob([data]) });
await client.waitReady;
await migrate({ db: drizzle(client), kind: 'pglite', location: 'x', close: async () => {} });
await client.close();`;

function timeOnce(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const cpu = Number(/cpu-us (\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1000;
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, cpu };
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
let n = 0;
const newDir = () => join(work, `db-${n++}`);

const cases = [
  ['node -e 0', () => timeOnce(['--input-type=module', '-e', cpuAtExit])],
  ['memory://, template', () => timeOnce(['--input-type=module', '-e', child, 'memory://', 'yes'])],
  ['memory://, initdb', () => timeOnce(['--input-type=module', '-e', child, 'memory://', 'no'])],
  ['new folder, template', () => timeOnce(['--input-type=module', '-e', child, newDir(), 'yes'])],
  ['new folder, loadDataDir', () => timeOnce(['--input-type=module', '-e', loadDataDirChild, newDir()])],
  ['new folder, initdb', () => timeOnce(['--input-type=module', '-e', child, newDir(), 'no'])],
].filter(([name]) => !skipInitdb || !name.includes('initdb'));
// round-robin, so a change of load hits every case alike
const times = new Map(cases.map(([name]) => [name, []]));
for (let round = 0; round < runs; round++) for (const [name, fn] of cases) times.get(name).push(fn());
const results = cases.map(([name]) => ({ name, median: median(times.get(name).map((t) => t.ms)), cpu: median(times.get(name).map((t) => t.cpu)) }));
const [peer, peerCpu] = [results[0].median, results[0].cpu];
console.log(`Node ${process.version}, ${runs} runs each, medians (open + migrate + close, one process per run), load average ${loadavg()[0].toFixed(1)}`);
console.log('| case | wall | × node -e 0 | CPU | × node -e 0 |\n|---|---|---|---|---|');
for (const r of results) {
  console.log(`| ${r.name} | ${r.median.toFixed(0)} ms | ${(r.median / peer).toFixed(1)} | ${r.cpu.toFixed(0)} ms | ${(r.cpu / peerCpu).toFixed(1)} |`);
}
rmSync(work, { recursive: true, force: true });
