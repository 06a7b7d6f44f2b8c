// compile()-level errors: reported in compileErrors, never flipping syntaxValid.
import { beforeAll, describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { loadPythonParser, type PythonParser } from '../../src/index.js';

interface Case {
  source: string;
  /** CPython's compile() message, or 'ok' */
  compile: string;
  line?: number;
  /** symbol-table rules this parser does not implement (listed in the README) */
  knownGap?: boolean;
}

const fixture = JSON.parse(readFileSync(new URL('./fixtures/compile-verdicts.json', import.meta.url), 'utf8')) as { cases: Case[] };

let parser: PythonParser;
beforeAll(async () => {
  parser = await loadPythonParser();
});

test('agrees with CPython compile() on every recorded case: verdict, message and line', () => {
  const checked = fixture.cases.filter((c) => !c.knownGap);
  const wrong = checked.flatMap((c) => {
    const m = parser.parse(c.source);
    if (!m.syntaxValid) return [`syntax error reported for ${JSON.stringify(c.source)}`];
    const first = m.compileErrors[0];
    if (c.compile === 'ok') return first ? [`spurious ${first.message} in ${JSON.stringify(c.source)}`] : [];
    if (!first) return [`missed "${c.compile}" in ${JSON.stringify(c.source)}`];
    return first.message === c.compile && first.line === c.line ? [] : [`"${first.message}"@${first.line} != "${c.compile}"@${c.line} in ${JSON.stringify(c.source)}`];
  });
  expect(wrong).toEqual([]);
  expect(checked.length).toBeGreaterThan(100);
});

describe('the required rules, in a method body', () => {
  test.each([
    ['return at module level', 'return 1\n', 'return-outside-function'],
    ['yield in a class body', 'class A:\n    yield 1\n', 'yield-outside-function'],
    ['await in a plain def', 'def f():\n    await g()\n', 'await-outside-async'],
    ['await in a lambda inside an async def', 'async def f():\n    h = lambda: await g()\n', 'await-outside-async'],
    ['async comprehension in a plain def', 'def f():\n    return [x async for x in y]\n', 'async-comprehension-outside-async'],
    ['break in a loop else', 'for x in y:\n    pass\nelse:\n    break\n', 'break-outside-loop'],
    ['continue in a nested def', 'while x:\n    def f():\n        continue\n', 'continue-outside-loop'],
    ['duplicate argument', 'def f(self, a, *, a): pass\n', 'duplicate-argument'],
    ['nonlocal at module level', 'nonlocal x\n', 'nonlocal-at-module-level'],
  ])('%s', (_name, source, code) => {
    const m = parser.parse(source);
    expect(m.syntaxValid).toBe(true);
    expect(m.compileErrors.map((e) => e.code)).toContain(code);
  });

  test('allowed forms stay clean: await in async comprehension and generator, break in try/finally', () => {
    const source = [
      'async def f(rows):',
      '    data = [await g(r) for r in rows]',
      '    lazy = (await g(r) for r in rows)',
      '    for r in rows:',
      '        try:',
      '            continue',
      '        finally:',
      '            break',
      '    return [x for x in await g(rows)]',
      '',
    ].join('\n');
    expect(parser.parse(source).compileErrors).toEqual([]);
  });

  test('a fragment is wrapped in an async method: await and return are fine, lines map back', () => {
    const m = parser.parseFragment('rows = await self.pool.fetch(q)\nfor r in rows:\n    pass\nbreak\nreturn rows\n');
    expect(m.syntaxValid).toBe(true);
    expect(m.compileErrors).toHaveLength(1);
    expect(m.compileErrors[0]).toMatchObject({ code: 'break-outside-loop', line: 4, column: 1 });
    expect(parser.parseFragment('x = await g()\n', { isAsync: false }).compileErrors[0]?.code).toBe('await-outside-async');
  });
});
