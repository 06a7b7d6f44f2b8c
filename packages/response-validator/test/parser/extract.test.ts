// Extraction of every ParsedModule field from real tree-sitter trees.
import { beforeAll, describe, expect, test } from '@jest/globals';
import { loadPythonParser, parsePython, type ParsedModule, type PythonParser } from '../../src/index.js';

let parser: PythonParser;
beforeAll(async () => {
  parser = await loadPythonParser();
});

const SERVICE = `"""Module doc."""
import os, asyncio as aio
from .models import (ModelA as A, ModelB)
from typing import *
from __future__ import annotations


@dataclass(frozen=True)
class Service[T: int, *Ts](Base, Generic[T], metaclass=Meta):
    """Service doc
    second line."""

    @staticmethod
    def helper(a, /, b: int = 2, *args: str, c, d: bool = False, **kw) -> list[int]:
        return [a]

    async def run(self, query: str) -> dict:
        # fetch rows
        async with self.pool.acquire() as conn:
            rows = await conn.fetch(query, timeout=5, *extra, **opts)
        def inner(x): return f"{x!r:>{10}} {'nested'}"
        return {"rows": rows}
`;

describe('functions', () => {
  let m: ParsedModule;
  beforeAll(() => {
    m = parser.parse(SERVICE);
  });

  test('names, qualified names, async flag and methods', () => {
    expect(m.syntaxValid).toBe(true);
    expect(m.functions.map((f) => [f.qualifiedName, f.isAsync, f.isMethod, f.className])).toEqual([
      ['Service.helper', false, true, 'Service'],
      ['Service.run', true, true, 'Service'],
      ['Service.run.<locals>.inner', false, false, undefined],
    ]);
  });

  test('params with kinds, annotations and defaults', () => {
    const helper = m.functions[0]!;
    expect(helper.params).toEqual([
      { name: 'a', kind: 'positional_only' },
      { name: 'b', kind: 'positional', annotation: 'int', default: '2' },
      { name: 'args', kind: 'var_positional', annotation: 'str' },
      { name: 'c', kind: 'keyword_only' },
      { name: 'd', kind: 'keyword_only', annotation: 'bool', default: 'False' },
      { name: 'kw', kind: 'var_keyword' },
    ]);
    expect(helper.returnAnnotation).toBe('list[int]');
    expect(helper.decorators).toEqual(['staticmethod']);
  });

  test('ranges: definition includes decorators, signature ends at the colon, body and indent', () => {
    const helper = m.functions[0]!;
    expect(SERVICE.slice(helper.definition.startIndex, helper.definition.endIndex)).toMatch(/^@staticmethod\n {4}def helper/);
    const sig = SERVICE.slice(helper.signature.startIndex, helper.signature.endIndex);
    expect(sig).toBe('def helper(a, /, b: int = 2, *args: str, c, d: bool = False, **kw) -> list[int]:');
    expect(helper.signature.startLine).toBe(14);
    expect(helper.signature.startColumn).toBe(5);
    expect(helper.bodyIndent).toBe('        ');
    const run = m.functions[1]!;
    expect(run.statements.map((s) => s.type)).toEqual(['with_statement', 'function_definition', 'return_statement']);
    expect(run.body.startLine).toBe(19);
    expect(m.functions[2]!.bodyIndent).toBe('            ');
  });

  test('docstrings of module, class and function', () => {
    expect(m.classes[0]!.docstring?.text).toBe('Service doc\n    second line.');
    const withDoc = parser.parse('def f():\n    "a\\tb" \'c\'\n    return 1\n').functions[0]!;
    expect(withDoc.docstring?.text).toBe('a\tbc');
    expect(parser.parse('def f():\n    f"x{1}"\n').functions[0]!.docstring).toBeUndefined();
    expect(parser.parse('def f():\n    x = "no"\n').functions[0]!.docstring).toBeUndefined();
    const docStrings = m.strings.filter((s) => s.isDocstring).map((s) => s.value);
    expect(docStrings).toEqual(['Module doc.', 'Service doc\n    second line.']);
  });
});

describe('classes and imports', () => {
  test('class bases, keywords, decorators, methods and PEP 695 type parameters', () => {
    const [cls] = parser.parse(SERVICE).classes;
    expect(cls).toMatchObject({
      name: 'Service',
      qualifiedName: 'Service',
      bases: ['Base', 'Generic[T]'],
      keywords: [{ name: 'metaclass', value: 'Meta' }],
      decorators: ['dataclass(frozen=True)'],
      methods: ['helper', 'run'],
      typeParameters: ['T: int', '*Ts'],
    });
    expect(cls!.definition.startLine).toBe(8);
  });

  test('nested classes get qualified names', () => {
    const m = parser.parse('def f():\n    class C:\n        class D:\n            def g(self): pass\n');
    expect(m.classes.map((c) => c.qualifiedName)).toEqual(['f.<locals>.C', 'f.<locals>.C.D']);
    expect(m.functions.map((f) => f.qualifiedName)).toEqual(['f', 'f.<locals>.C.D.g']);
  });

  test('import forms', () => {
    const { imports } = parser.parse(SERVICE);
    expect(imports.map((i) => [i.kind, i.module, i.names])).toEqual([
      ['import', 'os', [{ name: 'os' }]],
      ['import', 'asyncio', [{ name: 'asyncio', alias: 'aio' }]],
      ['from', '.models', [{ name: 'ModelA', alias: 'A' }, { name: 'ModelB' }]],
      ['from', 'typing', [{ name: '*' }]],
      ['from', '__future__', [{ name: 'annotations' }]],
    ]);
    expect(imports[2]!.text).toBe('from .models import (ModelA as A, ModelB)');
  });
});

describe('calls, strings, comments', () => {
  test('calls carry callee text, args, keywords and the enclosing function', () => {
    const { calls } = parser.parse(SERVICE);
    const fetch = calls.find((c) => c.callee === 'conn.fetch')!;
    expect(fetch.args).toEqual(['query', '*extra', '**opts']);
    expect(fetch.keywords).toEqual([{ name: 'timeout', value: '5' }]);
    expect(fetch.enclosingFunction).toBe('Service.run');
    expect(calls.find((c) => c.callee === 'self.pool.acquire')?.enclosingFunction).toBe('Service.run');
    expect(calls.find((c) => c.callee === 'dataclass')?.enclosingFunction).toBeUndefined();
  });

  test('a call inside a string literal is not a call', () => {
    const m = parser.parse('x = "emit_log_event(1)"\n');
    expect(m.calls).toEqual([]);
    expect(m.strings[0]!.value).toBe('emit_log_event(1)');
  });

  test('strings: prefixes, f-strings with nested literals, escapes', () => {
    const m = parser.parse(SERVICE);
    const fstr = m.strings.find((s) => s.isFString)!;
    expect(fstr.text).toBe(`f"{x!r:>{10}} {'nested'}"`);
    expect(m.strings.some((s) => s.value === 'nested' && !s.isFString)).toBe(true);
    const esc = parser.parse(`a = "x\\ny\\x41\\u00e9"\nb = r"x\\n"\nc = b'\\101'\n`).strings;
    expect(esc.map((s) => s.value)).toEqual(['x\nyAé', 'x\\n', 'A']);
  });

  test('comments with ranges', () => {
    const { comments } = parser.parse(SERVICE);
    expect(comments).toHaveLength(1);
    expect(comments[0]).toMatchObject({ text: '# fetch rows', range: { startLine: 18, startColumn: 9 } });
  });

  test('match and type statements parse as valid 3.12', () => {
    const m = parser.parse('type Pair[T] = tuple[T, T]\nmatch p:\n    case (x, y) if x > y:\n        pass\n    case _:\n        pass\n');
    expect(m.syntaxValid).toBe(true);
  });
});

describe('syntax errors and the loader', () => {
  test('an error carries line and column', async () => {
    const m = await parsePython('def f(:\n    pass\n');
    expect(m.syntaxValid).toBe(false);
    expect(m.syntaxErrors[0]).toMatchObject({ line: 1 });
    expect(m.syntaxErrors[0]!.message).toMatch(/invalid syntax/);
  });

  test('the parser is one cached instance and results are plain data', async () => {
    expect(await loadPythonParser()).toBe(parser);
    const m = await parsePython('x = 1\n');
    expect(JSON.parse(JSON.stringify(m))).toEqual(m);
  });

  test('end positions agree with tree-sitter on multi-line, non-ASCII and CRLF sources', () => {
    const source = 'def f():\r\n    s = "héllo😀"\r\n    return g(s,\r\n             1)\r\n\r\nx = f()';
    parser.withTree(source, (tree, m) => {
      const calls = tree.rootNode.descendantsOfType('call');
      expect(m.calls.map((c) => [c.range.endLine, c.range.endColumn])).toEqual(calls.map((n) => [n.endPosition.row + 1, n.endPosition.column + 1]));
      const fn = tree.rootNode.descendantsOfType('function_definition')[0]!;
      expect([m.functions[0]!.definition.endLine, m.functions[0]!.definition.endColumn]).toEqual([fn.endPosition.row + 1, fn.endPosition.column + 1]);
      expect(m.strings[0]!.range).toMatchObject({ startLine: 2, startColumn: 9, endLine: 2, endColumn: 18 });
    });
  });

  test('non-string input is a typed error', () => {
    expect(() => parser.parse(42 as unknown as string)).toThrow(expect.objectContaining({ code: 'INVALID_SOURCE' }));
  });
});
