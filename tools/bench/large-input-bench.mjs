#!/usr/bin/env node
// Large inputs to @onexgen/response-validator: full onex-v2 validation of 0.5 / 1 / 5 MB Python files
// (stdlib modules concatenated, valid Python), each in a fresh process for its peak RSS, next to
// CPython 3.12's ast.parse of the same file in the same run; then the inputs the limits exist for:
// a 14 MB file of dense calls (11.6 M syntax nodes) and a 10 MB `1+1+…` line.
// CPU seconds are reported beside wall time: on a shared machine CPU time is what stays comparable.
// Usage: (cd packages/response-validator && npx tsup) && node tools/bench/large-input-bench.mjs [--runs 3]
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { values: opts } = parseArgs({ options: { runs: { type: 'string', default: '3' }, dist: { type: 'string', default: path.join(root, 'packages/response-validator/dist') } } });
const runs = Number(opts.runs);
const dist = path.resolve(opts.dist);
const pyEnv = { ...process.env, PYENV_VERSION: '3.12' };
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rv-large-'));

// the files: stdlib modules concatenated up to the size, cut at a top-level def
const libDir = execFileSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], { env: pyEnv, encoding: 'utf8' }).trim();
const body = ['argparse.py', 'json/decoder.py', 'textwrap.py', 'string.py', 'shlex.py'].map((f) => fs.readFileSync(path.join(libDir, f), 'utf8')).join('\n\n');
const files = [];
for (const mb of [0.5, 1, 5]) {
  const n = Math.round(mb * 1024 * 1024);
  let text = body.repeat(Math.ceil(n / body.length)).slice(0, n);
  text = text.slice(0, text.lastIndexOf('\n\n\ndef ')) + '\n';
  const file = path.join(work, `stdlib-${mb}mb.py`);
  fs.writeFileSync(file, text);
  files.push({ label: `${mb} MB stdlib code`, file, bytes: Buffer.byteLength(text) });
}
const dense = path.join(work, 'dense-calls-14mb.py');
fs.writeFileSync(dense, Array.from({ length: 400_000 }, (_, i) => `f${i % 100}(a, b, [1, 2, 3], {"k": ${i}})\n`).join(''));
const plus = path.join(work, 'plus-10mb.py');
fs.writeFileSync(plus, `x = ${Array(5_000_000).fill('1').join('+')}\n`);

// one child per measurement: validate the file in-process, report CPU, wall, peak RSS and the outcome
const child = `
const fs = await import('node:fs');
const { createValidator } = await import(${JSON.stringify(path.join(dist, 'index.js'))});
const v = await createValidator({ profile: 'onex-v2' });
const src = fs.readFileSync(process.argv[1], 'utf8');
const c0 = process.cpuUsage(); const t0 = performance.now();
let outcome;
try { const r = v.validate(src); outcome = r.syntaxValid ? 'validated, ' + r.issues.length + ' issues' : 'rejected: ' + r.issues[0].message; }
catch (e) { outcome = (e.code ?? 'ERROR') + ': ' + e.message; }
const c = process.cpuUsage(c0);
console.log(JSON.stringify({ wall: performance.now() - t0, cpu: (c.user + c.system) / 1000, rss: process.resourceUsage().maxRSS / 1024, outcome }));
`;
const measure = (file) => {
  const out = spawnSync(process.execPath, ['--input-type=module', '-e', child, file], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (out.status !== 0) return { wall: NaN, cpu: NaN, rss: NaN, outcome: `process failed (${out.status ?? out.signal}): ${out.stderr.trim().split('\n').pop()}` };
  return JSON.parse(out.stdout.trim().split('\n').pop());
};
const cpython = (file) => {
  const code = 'import ast,sys,time,resource\nsrc=open(sys.argv[1]).read()\nc=time.process_time();t=time.perf_counter()\nast.parse(src)\nprint(time.perf_counter()-t, time.process_time()-c, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024)';
  const [wall, cpu, rss] = execFileSync('python3', ['-c', code, file], { env: pyEnv, encoding: 'utf8' }).trim().split(' ').map(Number);
  return { wall: wall * 1000, cpu: cpu * 1000, rss };
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const s = (ms) => (ms / 1000).toFixed(2) + ' s';

console.log(`Node ${process.version}, CPython ${execFileSync('python3', ['-c', 'import sys; print(sys.version.split()[0])'], { env: pyEnv, encoding: 'utf8' }).trim()}, ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; median of ${runs} runs each`);
console.log('| input | size | ours: wall | ours: CPU | CPU per MB | peak RSS | CPython ast.parse: wall | CPU | peak RSS | CPU ratio | outcome |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
for (const f of files) {
  const ours = Array.from({ length: runs }, () => measure(f.file));
  const peer = Array.from({ length: runs }, () => cpython(f.file));
  const mb = f.bytes / (1024 * 1024);
  const cpu = median(ours.map((o) => o.cpu));
  const pcpu = median(peer.map((o) => o.cpu));
  console.log(`| ${f.label} | ${mb.toFixed(2)} MB | ${s(median(ours.map((o) => o.wall)))} | ${s(cpu)} | ${s(cpu / mb)} | ${median(ours.map((o) => o.rss)).toFixed(0)} MB | ${s(median(peer.map((o) => o.wall)))} | ${s(pcpu)} | ${median(peer.map((o) => o.rss)).toFixed(0)} MB | ${(cpu / pcpu).toFixed(1)}× | ${ours[0].outcome} |`);
}
for (const [label, file] of [['14 MB of dense calls (11.6 M nodes)', dense], ['10 MB `1+1+…` line', plus]]) {
  const o = measure(file);
  console.log(`| ${label} | ${(fs.statSync(file).size / (1024 * 1024)).toFixed(2)} MB | ${s(o.wall)} | ${s(o.cpu)} | | ${o.rss.toFixed(0)} MB | | | | | ${o.outcome} |`);
}
fs.rmSync(work, { recursive: true, force: true });
