#!/usr/bin/env node
// Recall and precision of @onexgen/response-validator's security rules on the labelled corpus
// (packages/response-validator/test/security-corpus/*.yaml), beside Bandit's on the same snippets
// in the same run. Scoring is per snippet: its label found = true positive, label not found =
// false negative, every other security rule raised on it = false positive (a clean snippet has
// no label, so anything raised there is a false positive; rules listed in a snippet's `also` are
// real second problems and count neither way). Bandit's findings are mapped to our
// rule ids; its audit-only checks (B4xx import blacklist, B603/B607 "subprocess without shell" /
// "partial path", B110/B112 try-except) have no counterpart and are listed, not counted.
// Method bodies (`context.fragment`) are given to Bandit inside `async def` after their file imports.
// Usage: (cd packages/response-validator && npx tsup) && node tools/bench/security-corpus.mjs
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const pkg = path.join(root, 'packages/response-validator');
const { createValidator } = await import(path.join(pkg, 'dist/index.js'));

const BANDIT_TO_RULE = {
  B101: 'security/assert-used', B102: 'security/eval-exec', B307: 'security/eval-exec',
  B103: 'security/world-writable-permissions', B104: 'security/bind-all-interfaces',
  B105: 'security/hardcoded-secret', B106: 'security/hardcoded-secret', B107: 'security/hardcoded-secret',
  B108: 'security/insecure-temp-file', B306: 'security/insecure-temp-file', B377: 'security/insecure-temp-file',
  B113: 'security/http-without-timeout',
  B301: 'security/unsafe-deserialization', B302: 'security/unsafe-deserialization', B614: 'security/unsafe-deserialization',
  B303: 'security/weak-hash', B324: 'security/weak-hash', B311: 'security/insecure-random',
  B313: 'security/xml-unsafe-parser', B314: 'security/xml-unsafe-parser', B315: 'security/xml-unsafe-parser', B316: 'security/xml-unsafe-parser',
  B317: 'security/xml-unsafe-parser', B318: 'security/xml-unsafe-parser', B319: 'security/xml-unsafe-parser', B320: 'security/xml-unsafe-parser',
  B323: 'security/tls-verification-disabled', B501: 'security/tls-verification-disabled',
  B502: 'security/weak-tls-protocol', B503: 'security/weak-tls-protocol', B504: 'security/weak-tls-protocol',
  B506: 'security/yaml-unsafe-load',
  B601: 'security/os-shell', B605: 'security/os-shell', B606: 'security/os-shell',
  B602: 'security/subprocess-shell', B604: 'security/subprocess-shell', B609: 'security/subprocess-shell',
  B608: 'security/sql-injection', B610: 'security/sql-injection', B611: 'security/sql-injection',
};

const dir = path.join(pkg, 'test/security-corpus');
const parts = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort().map((f) => ({ part: f.replace(/\.yaml$/, ''), samples: parse(fs.readFileSync(path.join(dir, f), 'utf8')).samples }));
const all = parts.flatMap((p) => p.samples.map((s) => ({ ...s, part: p.part })));

const validator = await createValidator({ profile: 'generic-python' });
const ours = new Map();
const started = performance.now();
for (const s of all) ours.set(s.id, new Set(validator.validate(s.code, s.context ?? {}).issues.filter((i) => i.category === 'security').map((i) => i.ruleId)));
const oursMs = performance.now() - started;

const { version: banditVersion, findings: bandit, unmapped, ms: banditMs } = runBandit(all);

console.log(`# security corpus: ours vs ${banditVersion}\n`);
console.log(`${all.length} snippets (${all.filter((s) => s.expect !== 'clean').length} labelled with a rule, ${all.filter((s) => s.expect === 'clean').length} clean); ours ${oursMs.toFixed(0)} ms in-process, Bandit ${banditMs === undefined ? '–' : `${banditMs.toFixed(0)} ms (one process over the folder)`}\n`);
console.log('| part | snippets | ours P | ours R | Bandit P | Bandit R |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const p of [...parts.map((x) => x.part), 'all']) {
  const samples = p === 'all' ? all : all.filter((s) => s.part === p);
  const a = score(samples, ours);
  const b = bandit ? score(samples, bandit) : undefined;
  console.log(`| ${p} | ${samples.length} | ${a.precision} | ${a.recall} | ${b?.precision ?? '–'} | ${b?.recall ?? '–'} |`);
}
console.log('\nper rule, all parts (issues = snippets labelled with it):\n');
console.log('| rule | issues | ours TP | ours FP | ours FN | Bandit TP | Bandit FP | Bandit FN |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
const rules = [...new Set([...all.map((s) => s.expect).filter((e) => e !== 'clean'), ...[...ours.values()].flatMap((f) => [...f])])].sort();
for (const rule of rules) {
  const a = score(all, ours, rule);
  const b = bandit ? score(all, bandit, rule) : undefined;
  console.log(`| ${rule} | ${all.filter((s) => s.expect === rule).length} | ${a.tp} | ${a.fp} | ${a.fn} | ${b?.tp ?? '–'} | ${b?.fp ?? '–'} | ${b?.fn ?? '–'} |`);
}
for (const p of parts.map((x) => x.part)) {
  const a = score(all.filter((s) => s.part === p), ours);
  if (a.misses.length || a.falseAlarms.length) console.log(`\nours, ${p}: missed ${a.misses.join(', ') || 'none'}; false alarms ${a.falseAlarms.join(', ') || 'none'}`);
}
if (unmapped.size) console.log(`\nBandit findings without a counterpart here (not counted): ${[...unmapped].map(([k, v]) => `${k}×${v}`).join(', ')}`);

function score(samples, findings, only) {
  let tp = 0, fp = 0, fn = 0;
  const misses = [], falseAlarms = [];
  for (const s of samples) {
    const found = findings.get(s.id) ?? new Set();
    if (s.expect !== 'clean' && (!only || s.expect === only)) {
      if (found.has(s.expect)) tp++;
      else (fn++, misses.push(s.id));
    }
    for (const r of found) if (r !== s.expect && !s.also?.includes(r) && (!only || r === only)) (fp++, falseAlarms.push(`${s.id} (${r})`));
  }
  const f = (n, d) => (d === 0 ? '–' : (n / d).toFixed(3));
  return { tp, fp, fn, precision: f(tp, tp + fp), recall: f(tp, tp + fn), misses, falseAlarms };
}

/** Bandit over one folder of the snippets as .py files; undefined findings when it is not installed. */
function runBandit(samples) {
  const unmapped = new Map();
  let version;
  try {
    version = execFileSync('bandit', ['--version'], { encoding: 'utf8' }).split('\n')[0];
  } catch {
    console.error('bandit is not installed (Debian: apt-get install -y bandit); its columns stay empty');
    return { version: 'Bandit (not installed)', findings: undefined, unmapped };
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'security-corpus-'));
  try {
    for (const s of samples) fs.writeFileSync(path.join(work, `${s.id}.py`), asModule(s));
    const t0 = performance.now();
    let out;
    try {
      out = execFileSync('bandit', ['-f', 'json', '-q', '-r', work], { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'ignore'] });
    } catch (e) {
      out = e.stdout; // exit 1 when it finds issues
    }
    const ms = performance.now() - t0;
    const findings = new Map(samples.map((s) => [s.id, new Set()]));
    const report = JSON.parse(out);
    for (const r of report.results) {
      const rule = BANDIT_TO_RULE[r.test_id];
      if (!rule) {
        unmapped.set(r.test_id, (unmapped.get(r.test_id) ?? 0) + 1);
        continue;
      }
      findings.get(path.basename(r.filename, '.py'))?.add(rule);
    }
    const errors = report.errors?.length ?? 0;
    if (errors) console.error(`bandit could not parse ${errors} snippet(s)`);
    return { version, findings, unmapped, ms };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function asModule(s) {
  if (!s.context?.fragment) return s.code;
  const body = s.code.split('\n').map((l) => (l ? `    ${l}` : l)).join('\n');
  return `${(s.context.fileImports ?? []).join('\n')}\n\n\nasync def __fragment__(self, contract):\n${body}\n`;
}
