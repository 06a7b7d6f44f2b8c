#!/usr/bin/env node
// Agreement of the parser's syntax verdict with CPython 3.12's ast.parse (and of compileErrors
// with compile()), on a corpus generated and labelled by make_corpus.py in the same run.
//
//   node packages/response-validator/tools/agreement.mjs --n 5000 [--seed 1] [--show 20]
//        [--dump /tmp/disagreements.jsonl] [--python python3] [--corpus file.jsonl]
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { importParserFromSource } from './load-parser-source.mjs';

const { values: opts } = parseArgs({
  options: {
    n: { type: 'string', default: '5000' },
    seed: { type: 'string', default: '1' },
    show: { type: 'string', default: '10' },
    dump: { type: 'string' },
    corpus: { type: 'string' },
    python: { type: 'string', default: 'python3' },
  },
});

function loadCorpus() {
  if (opts.corpus) return readFileSync(opts.corpus, 'utf8');
  const script = fileURLToPath(new URL('./make_corpus.py', import.meta.url));
  const run = spawnSync(opts.python, [script, '--n', opts.n, '--seed', opts.seed], {
    env: { ...process.env, PYENV_VERSION: process.env.PYENV_VERSION ?? '3.12' },
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (run.status !== 0) {
    console.error(`make_corpus.py failed (exit ${run.status}):\n${run.stderr}`);
    process.exit(2);
  }
  return run.stdout;
}

const items = loadCorpus().split('\n').filter(Boolean).map((line) => JSON.parse(line));
const { loadPythonParser } = await importParserFromSource();
const parser = await loadPythonParser();

const groups = { original: newGroup(), corrupted: newGroup() };
const compile = { fa: 0, fr: 0, total: 0 };
const disagreements = [];
for (const item of items) {
  const m = parser.parse(item.source);
  const g = item.mutation === 'none' ? groups.original : groups.corrupted;
  if (item.ok) g.valid++;
  else g.invalid++;
  if (m.syntaxValid && !item.ok) g.falseAccepts++;
  if (!m.syntaxValid && item.ok) g.falseRejects++;
  if (m.syntaxValid !== item.ok) {
    disagreements.push({ id: item.id, mutation: item.mutation, cpython: item.ok ? 'ok' : `${item.error}: ${item.msg} (line ${item.lineno})`, ours: m.syntaxErrors.slice(0, 2).map((e) => `${e.code}@${e.line}:${e.column}`), source: item.source });
  }
  if (item.ok && m.syntaxValid) {
    compile.total++;
    const oursOk = m.compileErrors.length === 0;
    if (oursOk && item.compileOk === false) compile.fa++;
    if (!oursOk && item.compileOk === true) compile.fr++;
    if (oursOk !== item.compileOk) disagreements.push({ id: item.id, kind: 'compile', cpython: item.compileMsg ?? 'ok', ours: m.compileErrors.map((e) => e.code), source: item.source });
  }
}

function newGroup() {
  return { valid: 0, invalid: 0, falseAccepts: 0, falseRejects: 0 };
}
const pct = (ok, n) => (n === 0 ? 'n/a' : `${((100 * ok) / n).toFixed(2)} %`);
console.log(`corpus: ${items.length} items (n=${opts.n}, seed=${opts.seed}), CPython 3.12 ast.parse as truth\n`);
console.log('| inputs | items | CPython valid | CPython invalid | false accepts | false rejects | agreement |');
console.log('|---|---|---|---|---|---|---|');
let all = newGroup();
for (const [name, g] of Object.entries(groups)) {
  const n = g.valid + g.invalid;
  console.log(`| ${name} | ${n} | ${g.valid} | ${g.invalid} | ${g.falseAccepts} | ${g.falseRejects} | ${pct(n - g.falseAccepts - g.falseRejects, n)} |`);
  all = { valid: all.valid + g.valid, invalid: all.invalid + g.invalid, falseAccepts: all.falseAccepts + g.falseAccepts, falseRejects: all.falseRejects + g.falseRejects };
}
const total = all.valid + all.invalid;
console.log(`| all | ${total} | ${all.valid} | ${all.invalid} | ${all.falseAccepts} | ${all.falseRejects} | ${pct(total - all.falseAccepts - all.falseRejects, total)} |`);
console.log(`\ncompile() level, on ${compile.total} inputs both accept: missed compile errors ${compile.fa}, spurious ${compile.fr}, agreement ${pct(compile.total - compile.fa - compile.fr, compile.total)}`);

const show = Number(opts.show);
for (const d of disagreements.slice(0, show)) {
  console.log(`\n--- #${d.id} ${d.kind ?? d.mutation}: cpython=${d.cpython} ours=${JSON.stringify(d.ours)}\n${d.source.slice(0, 600)}`);
}
if (opts.dump) {
  writeFileSync(opts.dump, disagreements.map((d) => JSON.stringify(d)).join('\n') + '\n');
  console.log(`\n${disagreements.length} disagreements written to ${opts.dump}`);
}
