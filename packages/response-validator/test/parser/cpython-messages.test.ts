// The first syntax error reads as CPython 3.12's: same message, line and column. The expected values
// were recorded from CPython 3.12.1's ast.parse (tools/make_message_cases.py writes the fixture).
import { readFileSync } from 'node:fs';
import { beforeAll, expect, test } from '@jest/globals';
import { loadPythonParser, type PythonParser } from '../../src/index.js';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/cpython-messages.json', import.meta.url), 'utf8')) as {
  cases: { name: string; source: string; message: string; line: number; column: number }[];
};

let parser: PythonParser;
beforeAll(async () => {
  parser = await loadPythonParser();
});

test.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
  const m = parser.parse(c.source);
  expect(m.syntaxValid).toBe(false);
  const first = m.syntaxErrors[0]!;
  expect({ message: first.message, line: first.line, column: first.column }).toEqual({ message: c.message, line: c.line, column: c.column });
});
