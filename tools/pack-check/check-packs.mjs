#!/usr/bin/env node
// Packs every publishable package and proves its `exports` resolve from an empty project with both
// `import` and `require`, installing only that tarball and the tarballs of its own @onexgen deps.
// Usage: node tools/pack-check/check-packs.mjs [package-dir ...]   (after `npm run build`)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dirs = process.argv.slice(2).length
  ? process.argv.slice(2).map((d) => path.resolve(d))
  : [...fs.readdirSync(path.join(root, 'packages')).map((d) => path.join(root, 'packages', d)), path.join(root, 'apps/orchestrator')];

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'onexgen-packs-'));
const tarballs = new Map(); // package name -> tarball path
const manifests = new Map();
const packs = []; // npm pack --json facts per package: sizes and file count
for (const dir of dirs) {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const [info] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: dir, encoding: 'utf8' }));
  tarballs.set(manifest.name, path.join(work, info.filename));
  manifests.set(manifest.name, manifest);
  packs.push({ name: manifest.name, size: info.size, unpackedSize: info.unpackedSize, files: info.entryCount, license: info.files.some((f) => f.path === 'LICENSE') });
}

function internalClosure(name, seen = new Set()) {
  if (seen.has(name)) return seen;
  seen.add(name);
  for (const dep of Object.keys(manifests.get(name)?.dependencies ?? {})) {
    if (dep.startsWith('@onexgen/')) internalClosure(dep, seen);
  }
  return seen;
}

let failures = 0;
for (const [name, tarball] of tarballs) {
  const project = path.join(work, `consumer-${name.replace(/\W/g, '_')}`);
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  const needed = [...internalClosure(name)].map((n) => tarballs.get(n));
  const t0 = Date.now();
  try {
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--silent', ...needed], { cwd: project, stdio: 'pipe' });
    const esm = execFileSync('node', ['--input-type=module', '-e', `const m = await import(${JSON.stringify(name)}); console.log(Object.keys(m).length)`], { cwd: project, encoding: 'utf8' }).trim();
    const cjs = execFileSync('node', ['-e', `const m = require(${JSON.stringify(name)}); console.log(Object.keys(m).length)`], { cwd: project, encoding: 'utf8' }).trim();
    const size = (fs.statSync(tarball).size / 1024).toFixed(0);
    console.log(`ok   ${name}  (${size} KiB, ${needed.length} tarball(s), import: ${esm} exports, require: ${cjs} exports, ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    for (const bin of Object.keys(manifests.get(name).bin ?? {})) {
      const help = execFileSync(path.join(project, 'node_modules/.bin', bin), ['--help'], { cwd: project, encoding: 'utf8' });
      console.log(`     bin ${bin} --help: ${help.split('\n')[0]}`);
    }
  } catch (err) {
    failures++;
    console.log(`FAIL ${name}: ${err.message}\n${err.stderr ?? ''}`);
  }
}
fs.rmSync(work, { recursive: true, force: true });

const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;
console.log(`\nNode ${process.version} · tarball sizes (npm pack)\n| package | tarball | unpacked | files | LICENSE |\n|---|---|---|---|---|`);
for (const p of packs) console.log(`| ${p.name} | ${kib(p.size)} | ${kib(p.unpackedSize)} | ${p.files} | ${p.license ? 'yes' : 'MISSING'} |`);
const total = packs.reduce((sum, p) => sum + p.size, 0);
console.log(`| all ${packs.length} | ${kib(total)} | ${kib(packs.reduce((sum, p) => sum + p.unpackedSize, 0))} | ${packs.reduce((sum, p) => sum + p.files, 0)} | |`);
for (const p of packs.filter((x) => !x.license)) {
  failures++;
  console.log(`FAIL ${p.name}: the tarball has no LICENSE`);
}
console.log(`${tarballs.size - failures} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
