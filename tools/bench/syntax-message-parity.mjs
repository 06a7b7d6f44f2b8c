#!/usr/bin/env node
// Syntax-error parity with CPython 3.12: corrupt stdlib files with the edits people (and models)
// make — drop a colon, drop a closing bracket, indent or dedent a line, break a string, assign to a
// call, empty a block, … — and compare OUR first error (line, column, message) with CPython's
// ast.parse (msg, lineno, offset), labelled by ONE python process in the same run.
// Prints the share of identical line, column, message and all three, overall and per edit kind.
// Usage: (cd packages/response-validator && npx tsup) && node tools/bench/syntax-message-parity.mjs [--n 1200] [--seed 1] [--dump file.json]
//        node tools/bench/syntax-message-parity.mjs --source   (the parser from src/, no build)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { values: opts } = parseArgs({
  options: {
    n: { type: 'string', default: '1200' },
    seed: { type: 'string', default: '1' },
    dump: { type: 'string' },
    dist: { type: 'string', default: path.join(root, 'packages/response-validator/dist') },
    // --source: the parser straight from src/ (no build needed while working on the messages)
    source: { type: 'boolean', default: false },
  },
});
const { loadPythonParser } = opts.source
  ? await (await import(path.join(root, 'packages/response-validator/tools/load-parser-source.mjs'))).importParserFromSource()
  : await import(path.join(path.resolve(opts.dist), 'index.js'));
const pyEnv = { ...process.env, PYENV_VERSION: '3.12' };
const python = (args, input) => execFileSync('python3', args, { encoding: 'utf8', env: pyEnv, input, maxBuffer: 1 << 30 });

// a small seeded PRNG (mulberry32): the same seed gives the same corpus
let state = Number(opts.seed) >>> 0 || 1;
const rand = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (list) => list[Math.floor(rand() * list.length)];

// stdlib sources of the 3.12 install (tests excluded: they hold deliberate oddities)
const [version, libDir] = python(['-c', 'import sys, sysconfig; print(sys.version.split()[0]); print(sysconfig.get_paths()["stdlib"])']).trim().split('\n');
const files = [];
(function walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) {
      if (!/^(test|tests|idle_test|site-packages|lib2to3|__pycache__|ensurepip)$/.test(e.name)) walk(path.join(dir, e.name));
    } else if (e.name.endsWith('.py')) files.push(path.join(dir, e.name));
  }
})(libDir);
files.sort();

const HEADER = /^(\s*)(if|elif|else|for|while|def|class|try|except|finally|with|async def|async for|async with|match|case)\b.*:\s*(#.*)?$/;
const lines = (src) => src.split('\n');
const join = (ls) => ls.join('\n');
const indices = (ls, test) => ls.map((l, i) => (test(l, i) ? i : -1)).filter((i) => i >= 0);

// Each edit returns the corrupted source or undefined when the file offers no place for it.
const EDITS = {
  'drop-colon': (ls) => {
    const cands = indices(ls, (l) => HEADER.test(l) && !/#/.test(l) && l.trimEnd().endsWith(':'));
    if (!cands.length) return;
    const i = pick(cands);
    ls[i] = ls[i].trimEnd().slice(0, -1);
    return join(ls);
  },
  'drop-close-bracket': (ls) => {
    const cands = indices(ls, (l) => /[)\]}]\s*$/.test(l) && !/['"#]/.test(l));
    if (!cands.length) return;
    const i = pick(cands);
    ls[i] = ls[i].replace(/[)\]}](\s*)$/, '$1');
    return join(ls);
  },
  'drop-open-bracket': (ls) => {
    const cands = indices(ls, (l) => /\w\(/.test(l) && !/['"#]/.test(l));
    if (!cands.length) return;
    const i = pick(cands);
    ls[i] = ls[i].replace(/(\w)\(/, '$1 ');
    return join(ls);
  },
  'indent-line': (ls) => {
    const cands = indices(ls, (l, i) => /^\s*\w/.test(l) && i > 0 && !/[(\[{,\\]\s*$/.test(ls[i - 1]) && !/^\s*$/.test(ls[i - 1]) && !HEADER.test(ls[i - 1]));
    if (!cands.length) return;
    const i = pick(cands);
    ls[i] = '    ' + ls[i];
    return join(ls);
  },
  'dedent-line': (ls) => {
    const cands = indices(ls, (l, i) => /^ {8,}\w/.test(l) && i > 0 && !/[(\[{,\\]\s*$/.test(ls[i - 1]));
    if (!cands.length) return;
    const i = pick(cands);
    ls[i] = ls[i].slice(pick([2, 3, 4, 6]));
    return join(ls);
  },
  'empty-block': (ls) => {
    const cands = indices(ls, (l, i) => HEADER.test(l) && i + 1 < ls.length && /^\s+\S/.test(ls[i + 1]) && !/^\s*(\"\"\"|''')/.test(ls[i + 1]));
    if (!cands.length) return;
    const i = pick(cands);
    const indent = ls[i + 1].match(/^\s*/)[0];
    let j = i + 1;
    while (j < ls.length && (ls[j].startsWith(indent) || ls[j].trim() === '')) j++;
    ls.splice(i + 1, j - i - 1);
    return join(ls);
  },
  'break-string': (ls) => {
    const cands = indices(ls, (l) => /(^|[^\w])(['"])[^'"\\]{2,}\2/.test(l) && !/'''|"""/.test(l));
    if (!cands.length) return;
    const i = pick(cands);
    ls[i] = ls[i].replace(/(['"])([^'"\\]{2,})\1/, '$1$2');
    return join(ls);
  },
  'break-triple-string': (ls) => {
    const cands = indices(ls, (l) => /^\s*("""|''').*\1\s*$/.test(l) === false && /("""|''')\s*$/.test(l) && !/^\s*("""|''')\s*$/.test(l));
    if (!cands.length) return;
    const i = pick(cands);
    ls[i] = ls[i].replace(/("""|''')(\s*)$/, '$2');
    return join(ls);
  },
  'assign-to-call': (ls) => {
    const cands = indices(ls, (l) => /^\s*if .+ == .+:\s*$/.test(l) && !/['"#]/.test(l));
    if (cands.length && rand() < 0.5) {
      const i = pick(cands);
      ls[i] = ls[i].replace(' == ', ' = ');
      return join(ls);
    }
    const calls = indices(ls, (l) => /^\s*\w+(\.\w+)*\([^()]*\)\s*$/.test(l) && !/['"#]/.test(l));
    if (!calls.length) return;
    const i = pick(calls);
    ls[i] = ls[i].trimEnd() + ' = None';
    return join(ls);
  },
  'missing-comma': (ls) => {
    const cands = indices(ls, (l) => /\w, \w/.test(l) && /[([{]/.test(l) && !/['"#]/.test(l));
    if (!cands.length) return;
    const i = pick(cands);
    ls[i] = ls[i].replace(/(\w), (\w)/, '$1 $2');
    return join(ls);
  },
  'extra-close-bracket': (ls) => {
    const cands = indices(ls, (l) => /\)\s*$/.test(l) && !/['"#]/.test(l));
    if (!cands.length) return;
    const i = pick(cands);
    ls[i] = ls[i].trimEnd() + ')';
    return join(ls);
  },
  'keyword-typo': (ls) => {
    const cands = indices(ls, (l) => /^\s*(else|elif .*|except.*|finally):/.test(l));
    if (!cands.length) return;
    const i = pick(cands);
    ls[i] = ls[i].replace(/^(\s*)(\w+)/, (_, s, w) => s + pick([w.slice(0, -1), `${w} if x`, 'elseif']));
    return join(ls);
  },
};
const KINDS = Object.keys(EDITS);

const n = Number(opts.n);
const items = [];
for (let attempt = 0; items.length < n && attempt < n * 20; attempt++) {
  const file = pick(files);
  const src = fs.readFileSync(file, 'utf8');
  if (src.length > 200_000 || src.includes('\t')) continue;
  const kind = KINDS[items.length % KINDS.length];
  const out = EDITS[kind](lines(src));
  if (out === undefined || out === src) continue;
  items.push({ file: path.relative(libDir, file), kind, source: out });
}

// CPython labels every item in one process
const labeller = `
import ast, json, sys
out = []
for line in sys.stdin:
    src = json.loads(line)
    try:
        ast.parse(src)
        out.append(None)
    except SyntaxError as e:
        out.append([e.msg, e.lineno, e.offset])
    except (MemoryError, RecursionError) as e:
        out.append([str(e), None, None])
print(json.dumps(out))
`;
const labels = JSON.parse(python(['-c', labeller], items.map((i) => JSON.stringify(i.source)).join('\n') + '\n'));

const parser = await loadPythonParser();
const byKind = new Map();
const total = { n: 0, verdict: 0, line: 0, column: 0, message: 0, lineAndMessage: 0, all: 0 };
const diffs = [];
let valid = 0;
for (let k = 0; k < items.length; k++) {
  const item = items[k];
  const want = labels[k];
  const m = parser.parse(item.source);
  if (want === null) {
    valid++;
    continue; // the edit left valid Python: not a message case (the verdict agreement is measured by agreement.mjs)
  }
  const got = m.syntaxErrors[0];
  const row = byKind.get(item.kind) ?? { n: 0, line: 0, column: 0, message: 0, lineAndMessage: 0, all: 0 };
  byKind.set(item.kind, row);
  const line = !!got && got.line === want[1];
  const column = !!got && got.column === want[2];
  const message = !!got && got.message === want[0];
  for (const r of [row, total]) {
    r.n++;
    r.line += line;
    r.column += column;
    r.message += message;
    r.lineAndMessage += line && message;
    r.all += line && column && message;
  }
  total.verdict += !m.syntaxValid;
  if (!(line && message && column)) diffs.push({ kind: item.kind, file: item.file, cpython: want, ours: got ? [got.message, got.line, got.column] : null, around: item.source.split('\n').slice(Math.max(0, (want[1] ?? 1) - 4), (want[1] ?? 1) + 1) });
}

const pct = (a, b) => (b ? ((100 * a) / b).toFixed(1) + ' %' : '—');
console.log(`CPython ${version} ast.parse vs @onexgen/response-validator, seed ${opts.seed}: ${items.length} corrupted stdlib files, ${valid} still valid (skipped), ${total.n} rejected by CPython`);
console.log(`rejected by us too: ${pct(total.verdict, total.n)}`);
console.log('| edit | files | line | column | message | line + message | all three |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const kind of KINDS) {
  const r = byKind.get(kind);
  if (r) console.log(`| ${kind} | ${r.n} | ${pct(r.line, r.n)} | ${pct(r.column, r.n)} | ${pct(r.message, r.n)} | ${pct(r.lineAndMessage, r.n)} | ${pct(r.all, r.n)} |`);
}
console.log(`| **all** | ${total.n} | ${pct(total.line, total.n)} | ${pct(total.column, total.n)} | ${pct(total.message, total.n)} | ${pct(total.lineAndMessage, total.n)} | ${pct(total.all, total.n)} |`);
if (opts.dump) fs.writeFileSync(opts.dump, JSON.stringify(diffs, null, 1));
