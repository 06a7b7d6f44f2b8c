#!/usr/bin/env node
// `onexgen fill --offline --in-place` of large node files, wall time and peak RSS per run (medians of
// --rounds), next to CPython 3.12's `ast.parse` of the same file in the same run. Two shapes of the
// same size, both the stubbed example node (7 stubs) grown with implemented code: functions after
// the node class, and methods inside it. Each file is filled in a folder whose database already
// exists (one untimed fill first), so the figure is the fill, not the database's creation. Every
// filled file is checked with CPython. Prints figures; asserts nothing.
// Usage: node tools/bench/large-fill-bench.mjs [--mb 5] [--rounds 3] [--peer OTHER/bin/onexgen.js]
//   --peer: also time another build's CLI (e.g. a worktree of an older commit), alternating with
//   this one round by round so that load changes hit both alike.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values: opts } = parseArgs({ options: { mb: { type: 'string', default: '5' }, rounds: { type: 'string', default: '3' }, peer: { type: 'string' } } });
const BIN = fileURLToPath(new URL('../../apps/orchestrator/bin/onexgen.js', import.meta.url));
const EXAMPLE = fileURLToPath(new URL('../../examples/stubbed/node_inventory_effect.py', import.meta.url));
const bytes = Number(opts.mb) * 1024 * 1024;
const work = mkdtempSync(join(tmpdir(), 'onexgen-large-fill-'));
const pyEnv = { ...process.env, PYENV_VERSION: '3.12' };

const example = readFileSync(EXAMPLE, 'utf8');
const body = (i, pad) =>
  `${pad}total = 0\n${pad}for item in items:\n${pad}    if item % ${(i % 7) + 2} == 0:\n${pad}        total += item * factor\n` +
  `${pad}    else:\n${pad}        total -= 1\n${pad}return {"total": total, "count": len(items), "id": ${i}}\n`;
function grown(piece) {
  const parts = [];
  for (let i = 0, size = example.length; size < bytes; i++) {
    parts.push(piece(i));
    size += parts[i].length;
  }
  return parts.join('');
}
const marker = '\nclass NodeInventoryEffect(NodeEffect):\n';
const docEnd = example.indexOf('"""', example.indexOf('"""', example.indexOf(marker)) + 3) + 4;
const shapes = {
  'functions after the class': example + grown((i) => `\n\ndef helper_${i}(items, factor=2):\n${body(i, '    ')}`),
  'methods in one class': example.slice(0, docEnd) + grown((i) => `\n    def helper_${i}(self, items, factor=2):\n${body(i, '        ')}`) + example.slice(docEnd),
};

const builds = [['this build', BIN], ...(opts.peer ? [['peer', resolve(opts.peer)]] : [])];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function fill(bin, dir, source) {
  const file = join(dir, 'node_large_effect.py');
  writeFileSync(file, source);
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', 'maxrss %M', process.execPath, bin, 'fill', '--offline', '--in-place', file, '--max-file-bytes', String(bytes * 2)], {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: dir },
  });
  const ms = performance.now() - t0;
  const rss = Number(/maxrss (\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024;
  // exit 1: methods fell back (offline), not an error
  if (r.status !== 0 && r.status !== 1) throw new Error(`fill exited ${r.status}: ${r.stderr.slice(-400)}`);
  execFileSync('python3', ['-c', 'import ast,sys; ast.parse(open(sys.argv[1]).read())', file], { env: pyEnv });
  return { ms, rss };
}

function cpythonParse(source) {
  const file = join(work, 'parse.py');
  writeFileSync(file, source);
  const code = 'import ast,sys,time\nsrc=open(sys.argv[1]).read()\nt=time.perf_counter()\nast.parse(src)\nprint((time.perf_counter()-t)*1000)';
  return Number(execFileSync('python3', ['-c', code, file], { env: pyEnv, encoding: 'utf8' }).trim());
}

try {
  console.log(`onexgen fill --offline --in-place of ${opts.mb} MB node files (7 stubs), median of ${opts.rounds} round(s); peer: CPython 3.12 ast.parse of the same file`);
  for (const [shape, source] of Object.entries(shapes)) {
    const times = Object.fromEntries(builds.map(([name]) => [name, { ms: [], rss: [] }]));
    const dirs = Object.fromEntries(builds.map(([name, bin]) => {
      const dir = join(work, `${shape.replace(/\W+/g, '-')}-${name.replace(/\W+/g, '-')}`);
      mkdirSync(dir);
      fill(bin, dir, source); // the database is created here, untimed
      return [name, dir];
    }));
    const py = [];
    for (let r = 0; r < Number(opts.rounds); r++) {
      for (const [name, bin] of builds) {
        const { ms, rss } = fill(bin, dirs[name], source);
        times[name].ms.push(ms);
        times[name].rss.push(rss);
      }
      py.push(cpythonParse(source));
    }
    const cp = median(py);
    console.log(`\n${shape} (${(source.length / 1024 / 1024).toFixed(2)} MB, load ${loadavg()[0].toFixed(1)})`);
    console.log(`  CPython ast.parse alone: ${(cp / 1000).toFixed(2)} s`);
    for (const [name] of builds) {
      const m = median(times[name].ms);
      const range = `${(Math.min(...times[name].ms) / 1000).toFixed(1)}–${(Math.max(...times[name].ms) / 1000).toFixed(1)} s`;
      console.log(`  ${name}: fill ${(m / 1000).toFixed(2)} s (${range}), ${(m / cp).toFixed(2)}× the parse alone, peak RSS ${median(times[name].rss).toFixed(0)} MB`);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
