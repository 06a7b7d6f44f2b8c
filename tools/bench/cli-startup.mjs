#!/usr/bin/env node
// Start-up of the built `onexgen` CLI beside `node -e 0` measured in the same run (medians of N
// child processes): `--version`, `--help`, and `db migrate` on a new embedded database and on
// memory://. Prints figures; asserts nothing.
// Usage: node tools/bench/cli-startup.mjs [runs=7] [--no-migrate] [--baseline <bin/onexgen.js>]
//   --no-migrate: start-up cases only; --baseline: also time another build's bin (e.g. a copy of an
//   older dist) for --version/--help. Cases run round-robin, so load changes hit them alike.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../apps/orchestrator/bin/onexgen.js', import.meta.url));
const args = process.argv.slice(2);
const runs = Number(args.find((a) => /^\d+$/.test(a)) ?? 7);
const withMigrate = !args.includes('--no-migrate');
const baseline = args.includes('--baseline') ? resolve(args[args.indexOf('--baseline') + 1]) : undefined;
const work = mkdtempSync(join(tmpdir(), 'onexgen-startup-'));

// Each child reports its own CPU time (user + system, all threads) at exit: under load from other
// jobs wall time mostly measures waiting for a core, CPU time what the command itself costs.
const CPU_AT_EXIT = `data:text/javascript,${encodeURIComponent(
  "import { writeSync } from 'node:fs'; process.on('exit', () => { const u = process.cpuUsage(); writeSync(2, `\\ncpu-us ${u.user + u.system}\\n`); });",
)}`;

function timeOnce(args, cwd = work) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', CPU_AT_EXIT, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', env: { PATH: process.env.PATH, HOME: work } });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const cpu = Number(/cpu-us (\d+)/.exec(r.stderr)?.[1]) / 1000;
  return { ms, cpu };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const cases = [
  ['node -e 0', () => timeOnce(['-e', '0'])],
  ...(baseline
    ? [
        ['baseline --version', () => timeOnce([baseline, '--version'])],
        ['baseline --help', () => timeOnce([baseline, '--help'])],
      ]
    : []),
  ['onexgen --version', () => timeOnce([BIN, '--version'])],
  ['onexgen --help', () => timeOnce([BIN, '--help'])],
  ['onexgen db migrate --db memory://', () => timeOnce([BIN, 'db', 'migrate', '--db', 'memory://'])],
  ['onexgen db migrate --db <new dir>', () => {
    const dir = mkdtempSync(join(work, 'db-'));
    try {
      return timeOnce([BIN, 'db', 'migrate', '--db', join(dir, 'db')]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }],
];
const slow = new Set(['onexgen db migrate --db memory://', 'onexgen db migrate --db <new dir>']);
const chosen = cases.filter(([name]) => withMigrate || !slow.has(name));
const times = new Map(chosen.map(([name]) => [name, []]));
for (let round = 0; round < runs; round++) {
  for (const [name, fn] of chosen) {
    if (slow.has(name) && round >= 3) continue;
    times.get(name).push(fn());
  }
}
const results = chosen.map(([name]) => {
  const t = times.get(name);
  return { name, n: t.length, median: median(t.map((x) => x.ms)), cpu: median(t.map((x) => x.cpu)) };
});
const [peer, peerCpu] = [results[0].median, results[0].cpu];
console.log(`Node ${process.version}, ${runs} runs${withMigrate ? ' (3 for migrate)' : ''}, medians, load average ${loadavg()[0].toFixed(1)}`);
console.log('| command | wall median | × node -e 0 | CPU median | × node -e 0 |\n|---|---|---|---|---|');
for (const r of results) {
  console.log(`| ${r.name} | ${r.median.toFixed(0)} ms | ${(r.median / peer).toFixed(2)} | ${r.cpu.toFixed(0)} ms | ${(r.cpu / peerCpu).toFixed(2)} |`);
}
rmSync(work, { recursive: true, force: true });
