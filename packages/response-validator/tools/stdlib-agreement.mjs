#!/usr/bin/env node
// Whole-file agreement with CPython 3.12's ast.parse over every .py file (< 300 KB) of the
// installed 3.12 standard library, tests included (some are deliberately invalid).
//   node packages/response-validator/tools/stdlib-agreement.mjs
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { importParserFromSource } from './load-parser-source.mjs';

const env = { ...process.env, PYENV_VERSION: process.env.PYENV_VERSION ?? '3.12' };
// CPython lists the files and gives its verdict on each in one process.
const verdicts = JSON.parse(execFileSync('python3', ['-c', `
import ast, json, pathlib, sysconfig, warnings
warnings.simplefilter('ignore')
out = {}
for f in sorted(pathlib.Path(sysconfig.get_paths()['stdlib']).rglob('*.py')):
    if 'site-packages' in f.parts or f.stat().st_size >= 300_000:
        continue
    try:
        src = f.read_text(encoding='utf-8')
    except (UnicodeDecodeError, OSError):
        continue
    try:
        ast.parse(src); out[str(f)] = True
    except (SyntaxError, ValueError):
        out[str(f)] = False
print(json.dumps(out))`], { encoding: 'utf8', env, maxBuffer: 1 << 28 }));

const { loadPythonParser } = await importParserFromSource();
const parser = await loadPythonParser();
let bytes = 0;
const wrong = [];
for (const [file, ok] of Object.entries(verdicts)) {
  const source = readFileSync(file, 'utf8');
  bytes += source.length;
  const m = parser.parse(source);
  if (m.syntaxValid !== ok) wrong.push(`${ok ? 'false reject' : 'false accept'} ${file} ${JSON.stringify(m.syntaxErrors.slice(0, 1).map((e) => `${e.line}:${e.column} ${e.message}`))}`);
}
const files = Object.keys(verdicts).length;
const valid = Object.values(verdicts).filter(Boolean).length;
console.log(`${files} files (${(bytes / 1e6).toFixed(1)} MB; CPython: ${valid} valid, ${files - valid} invalid): ${wrong.length} disagreements`);
for (const line of wrong) console.log(`  ${line}`);
