// CPython 3.12's own limits (messages and positions recorded from CPython 3.12.1): rejected as
// CPython rejects them, and the nesting limits before tree-sitter builds any tree.
import { beforeAll, describe, expect, test } from '@jest/globals';
import { loadPythonParser, type PythonParser } from '../../src/index.js';

let parser: PythonParser;
beforeAll(async () => {
  parser = await loadPythonParser();
});

const nest = (n: number, header: string) => Array.from({ length: n }, (_, i) => '    '.repeat(i) + header + '\n').join('') + '    '.repeat(n) + 'pass\n';
const firstError = (src: string) => {
  const m = parser.parse(src);
  const e = m.syntaxErrors[0] ?? m.compileErrors[0];
  return e ? { message: e.message, line: e.line, column: e.column, syntaxValid: m.syntaxValid } : undefined;
};

describe("CPython's nesting limits", () => {
  test('200 nested brackets parse; the 201st is "too many nested parentheses" at its own column', () => {
    expect(firstError(`x = ${'('.repeat(200)}1${')'.repeat(200)}\n`)).toBeUndefined();
    expect(firstError(`x = ${'['.repeat(5000)}${']'.repeat(5000)}\n`)).toEqual({ message: 'too many nested parentheses', line: 1, column: 205, syntaxValid: false });
  });

  test('the shortest sources that reach a limit are still scanned (short sources skip the scan)', () => {
    expect(firstError(`x = ${'('.repeat(201)}1${')'.repeat(201)}\n`)).toEqual({ message: 'too many nested parentheses', line: 1, column: 205, syntaxValid: false });
    expect(firstError(`x = ${'-'.repeat(2992)}1\n`)?.message).toBe('maximum recursion depth exceeded during ast construction');
    expect(firstError(`x = ${'-'.repeat(2991)}1\n`)).toBeUndefined();
  });

  test('brackets inside strings and comments do not count', () => {
    expect(firstError(`x = "${'('.repeat(300)}"  # ${'['.repeat(300)}\ny = """\n${'{'.repeat(300)}\n"""\n`)).toBeUndefined();
  });

  test('3,000 nested lambdas: the parser stack overflow CPython reports', () => {
    expect(firstError(`f = ${'lambda: '.repeat(2983)}1\n`)).toBeUndefined();
    expect(firstError(`f = ${'lambda: '.repeat(3000)}1\n`)?.message).toBe('Parser stack overflowed - Python source too complex to parse');
  });

  test('a 5,000-term 1+1+… chain is too deep for the AST; 2,000 terms and 5,000 flat arguments are fine', () => {
    expect(firstError(`x = ${'1+'.repeat(5000)}1\n`)?.message).toBe('maximum recursion depth exceeded during ast construction');
    expect(firstError(`x = ${'-'.repeat(5000)}1\n`)?.message).toBe('maximum recursion depth exceeded during ast construction');
    expect(firstError(`x = ${'1+'.repeat(2000)}1\n`)).toBeUndefined();
    expect(firstError(`f(${'1+1, '.repeat(5000)})\n`)).toBeUndefined();
  });

  test('the 100th level of indentation: "too many levels of indentation" at column 1 (101 nested ifs)', () => {
    expect(firstError(nest(99, 'if x:'))).toBeUndefined();
    expect(firstError(nest(101, 'if x:'))).toEqual({ message: 'too many levels of indentation', line: 101, column: 1, syntaxValid: false });
  });

  test('21 nested loops / with / try: compile() says "too many statically nested blocks" at the 21st', () => {
    expect(firstError(nest(20, 'for x in y:'))).toBeUndefined();
    for (const header of ['for x in y:', 'while x:', 'with x:']) {
      expect(firstError(nest(21, header))).toEqual({ message: 'too many statically nested blocks', line: 21, column: 81, syntaxValid: true });
    }
  });
});
