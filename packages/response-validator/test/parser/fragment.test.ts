// Method bodies parsed inside a synthetic method, with every position mapped back to the body.
import { beforeAll, describe, expect, test } from '@jest/globals';
import { loadPythonParser, parseFragment, type PythonParser, type SourceRange } from '../../src/index.js';

let parser: PythonParser;
beforeAll(async () => {
  parser = await loadPythonParser();
});

const slice = (src: string, r: SourceRange): string => src.slice(r.startIndex, r.endIndex);

const UNINDENTED = `"""Fetch one user."""
# look it up
row = await self.pool.fetchrow("SELECT 1", user_id)
def helper(x):
    return x
return helper(row)
`;

describe('wrapping', () => {
  test('an unindented body parses and maps calls, strings, comments and functions back', async () => {
    const m = await parseFragment(UNINDENTED);
    expect(m.syntaxValid).toBe(true);
    expect(m.source).toBe(UNINDENTED);
    expect(m.wrapper).toMatchObject({ prefixLines: 1, indent: '    ' });
    expect(m.functions.map((f) => f.qualifiedName)).toEqual(['__fragment__.<locals>.helper']);
    const helper = m.functions[0]!;
    expect(helper.signature).toMatchObject({ startLine: 4, startColumn: 1 });
    expect(slice(UNINDENTED, helper.signature)).toBe('def helper(x):');
    expect(helper.bodyIndent).toBe('    ');
    const call = m.calls.find((c) => c.callee === 'self.pool.fetchrow')!;
    expect(call.range).toMatchObject({ startLine: 3, startColumn: 13 });
    expect(slice(UNINDENTED, call.range)).toBe('self.pool.fetchrow("SELECT 1", user_id)');
    expect(call.enclosingFunction).toBe('__fragment__');
    expect(m.comments[0]).toMatchObject({ text: '# look it up', range: { startLine: 2, startColumn: 1, startIndex: 22 } });
    expect(m.strings[0]).toMatchObject({ isDocstring: true, value: 'Fetch one user.', range: { startLine: 1, startColumn: 1 } });
  });

  test('an indented body is kept as is, columns unchanged', () => {
    const body = '        x = compute()\n        return x\n';
    const m = parser.parseFragment(body);
    expect(m.syntaxValid).toBe(true);
    expect(m.wrapper.indent).toBe('');
    expect(m.calls[0]!.range).toMatchObject({ startLine: 1, startColumn: 13, startIndex: 12 });
  });

  test('tab-indented bodies, indented or not, stay valid', () => {
    expect(parser.parseFragment('if ok:\n\treturn 1\nreturn 2\n').syntaxValid).toBe(true);
    const indented = parser.parseFragment('\tif ok:\n\t\treturn 1\n\treturn 2\n');
    expect(indented.syntaxValid).toBe(true);
    expect(parser.parseFragment('if ok:\n\treturn 1\n', { className: 'Node' }).wrapper.indent).toBe('\t\t');
  });

  test('a class wrapper is excluded from classes; the async option and the method name are used', () => {
    const m = parser.parseFragment('class Local:\n    pass\nreturn Local()\n', { className: 'NodeEffect', methodName: 'execute_effect', isAsync: false });
    expect(m.wrapper.prefixLines).toBe(2);
    expect(m.wrapper.source.startsWith('class NodeEffect:\n    def execute_effect(self):\n')).toBe(true);
    expect(m.classes.map((c) => [c.qualifiedName, c.definition.startLine])).toEqual([['NodeEffect.execute_effect.<locals>.Local', 1]]);
    expect(m.calls[0]!.enclosingFunction).toBe('NodeEffect.execute_effect');
  });

  test('a method name that is not an identifier is a typed error', () => {
    expect(() => parser.parseFragment('pass', { methodName: 'bad name' })).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS' }));
  });
});

describe('error positions map to the fragment', () => {
  test('a syntax error on line 3 of an unindented body is reported on line 3 with its own column', () => {
    const m = parser.parseFragment('x = 1\ny = 2\nz = (1 +\n');
    expect(m.syntaxValid).toBe(false);
    expect(m.syntaxErrors.every((e) => e.line >= 3 && e.line <= 4)).toBe(true);
  });

  test('an error on line 2 of an indented body keeps its column', () => {
    const body = "    a = 1\n    b = a +* 2\n";
    const m = parser.parseFragment(body);
    expect(m.syntaxValid).toBe(false);
    expect(m.syntaxErrors[0]).toMatchObject({ line: 2 });
    expect(m.syntaxErrors[0]!.column).toBe(parser.parse(`def f():\n${body}`).syntaxErrors[0]!.column);
  });

  test('an unindented body reports the same column as the same text parsed as a module', () => {
    const body = 'x = 1\ny = [1, 2 3]\n';
    const asModule = parser.parse(body).syntaxErrors[0]!;
    const asFragment = parser.parseFragment(body).syntaxErrors[0]!;
    expect([asFragment.line, asFragment.column, asFragment.startIndex]).toEqual([asModule.line, asModule.column, asModule.startIndex]);
  });

  test('wrapper.mapPosition: wrapper lines map to null, body lines shift by prefixLines and indent', () => {
    const { wrapper } = parser.parseFragment('x = 1\n');
    expect(wrapper.mapPosition(1, 1)).toBeNull();
    expect(wrapper.mapPosition(2, 5)).toEqual({ line: 1, column: 1 });
    expect([wrapper.bodyStartLine, wrapper.bodyEndLine]).toEqual([2, 3]);
  });
});

describe('raw tree access', () => {
  test('withTree hands over a live tree and frees it afterwards', () => {
    const types = parser.withTree('x = f(1)\n', (tree, module) => {
      expect(module.calls).toHaveLength(1);
      return tree.rootNode.namedChildren.map((n) => n.type);
    });
    expect(types).toEqual(['expression_statement']);
  });

  test('withFragmentTree gives the wrapped tree with a position mapper', () => {
    const line = parser.withFragmentTree('a = 1\nraise ValueError()\n', undefined, (tree, _module, wrapper) => {
      const raise = tree.rootNode.descendantsOfType('raise_statement')[0]!;
      return wrapper.mapPosition(raise.startPosition.row + 1, raise.startPosition.column + 1);
    });
    expect(line).toEqual({ line: 2, column: 1 });
  });
});
