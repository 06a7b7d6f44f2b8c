// Dev helper: compare the parser's verdict with CPython labels in a JSON file [{source, ok, msg, cmsg}].
import { readFileSync } from 'node:fs';
import { importParserFromSource } from './load-parser-source.mjs';

const items = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const { loadPythonParser } = await importParserFromSource();
const parser = await loadPythonParser();
for (const item of items) {
  const m = parser.parse(item.source);
  const mark = m.syntaxValid === item.ok ? '  ' : (item.ok ? 'FR' : 'FA');
  const compileMark = item.ok && m.syntaxValid && (m.compileErrors.length === 0) !== (item.cmsg === '') ? ' COMPILE-DIFF' : '';
  if (mark !== '  ' || compileMark || process.argv[3] === '--all') {
    console.log(`${mark}${compileMark} ${JSON.stringify(item.source)} cpython=${item.ok ? 'ok' : item.msg}${item.cmsg ? ` compile=${item.cmsg}` : ''} ours=${m.syntaxErrors.map((e) => e.code).join(',')}|${m.compileErrors.map((e) => e.code).join(',')}`);
  }
}
