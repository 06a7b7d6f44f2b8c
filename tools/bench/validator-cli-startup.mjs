#!/usr/bin/env node
// One-file call of the `onexgen-validate` CLI as a user runs it (the package's bin, onex-v2 profile,
// a 56-line generated node file that imports omnibase_core, so the API index is read), next to
// `node -e 0` and CPython 3.12's `ast.parse` of the same file, measured in the same run. Rounds
// interleave the three commands so a load spike hits all of them; medians of wall time and of CPU
// time (user + sys, from /usr/bin/time). Prints figures; asserts nothing.
// Usage: (cd packages/response-validator && npx tsup) && node tools/bench/validator-cli-startup.mjs [--runs 15] [--file F.py] [--bin path] [--node path]
//   --node: another Node binary for the CLI and for `node -e 0` (e.g. Node 22, whose compile cache the bin enables:
//   --node "$(npx -y -p node@22 node -e 'console.log(process.execPath)')")
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const { values: opts } = parseArgs({
  options: {
    runs: { type: 'string', default: '15' },
    file: { type: 'string', default: path.join(here, 'fixtures/node_user_effect.py') },
    bin: { type: 'string', default: path.join(root, 'packages/response-validator/bin/onexgen-validate.js') },
    node: { type: 'string', default: process.execPath },
  },
});
const runs = Number(opts.runs);
const file = path.resolve(opts.file);
const env = { ...process.env, PYENV_VERSION: '3.12' };
const node = opts.node;
const nodeVersion = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
const hasTime = fs.existsSync('/usr/bin/time');

/** wall ms (hrtime around the child) and CPU ms (user + sys of the child, via /usr/bin/time when present) */
function timeOnce(cmd, args) {
  const argv = hasTime ? ['/usr/bin/time', ['-f', '@@cpu %U %S', cmd, ...args]] : [cmd, args];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv[1], { env, encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const m = /@@cpu ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
  return { wall, cpu: m ? (Number(m[1]) + Number(m[2])) * 1000 : NaN };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

const cases = [
  ['node -e 0', node, ['-e', '0']],
  ['onexgen-validate FILE', node, [opts.bin, file]],
  ['python3 -c "import ast; ast.parse(open(F).read())"', 'python3', ['-c', `import ast; ast.parse(open(${JSON.stringify(file)}).read())`]],
];
const samples = cases.map(() => ({ wall: [], cpu: [] }));
timeOnce(node, [opts.bin, file]); // one unmeasured call: disk cache and Node's compile cache (when the Node version has one) warm, as on a user's second call
for (let r = 0; r < runs; r++) {
  cases.forEach(([, cmd, args], i) => {
    const t = timeOnce(cmd, args);
    samples[i].wall.push(t.wall);
    samples[i].cpu.push(t.cpu);
  });
}

const py = spawnSync('python3', ['--version'], { env, encoding: 'utf8' }).stdout.trim();
console.log(`${os.cpus().length} cpu, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; node ${nodeVersion}; ${py}; ${runs} interleaved rounds, medians`);
console.log(`file: ${path.relative(root, file)} (${fs.readFileSync(file, 'utf8').split('\n').length - 1} lines); bin: ${path.relative(root, opts.bin)}`);
const [nodeRow, cliRow, pyRow] = samples.map((s) => ({ wall: median(s.wall), cpu: median(s.cpu) }));
console.log('| command | wall | CPU | wall × node -e 0 | wall × CPython |\n|---|---:|---:|---:|---:|');
cases.forEach(([name], i) => {
  const row = [nodeRow, cliRow, pyRow][i];
  console.log(`| ${name} | ${row.wall.toFixed(0)} ms | ${row.cpu.toFixed(0)} ms | ${(row.wall / nodeRow.wall).toFixed(2)} | ${(row.wall / pyRow.wall).toFixed(2)} |`);
});
console.log(`onexgen-validate minus node -e 0: ${(cliRow.wall - nodeRow.wall).toFixed(0)} ms wall, ${(cliRow.cpu - nodeRow.cpu).toFixed(0)} ms CPU`);
