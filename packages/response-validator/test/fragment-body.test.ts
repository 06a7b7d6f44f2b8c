// parser.fragmentBody: a method body laid out to replace a stub body (what node-source injects).
import { beforeAll, describe, expect, test } from '@jest/globals';
import { fragmentBody, loadPythonParser, type PythonParser } from '../src/index.js';

let parser: PythonParser;
beforeAll(async () => {
  parser = await loadPythonParser();
});

const texts = (body: string, dropDocstring = false) => parser.fragmentBody(body, { dropDocstring }).map((l) => (l.verbatim ? `|${l.text}` : l.text));

describe('fragmentBody', () => {
  test('common indentation is removed, nested indentation kept, leading blank lines dropped', () => {
    expect(texts('\n\n        if x:\n            return 1\n\n        return 2')).toEqual(['if x:', '    return 1', '', 'return 2']);
  });

  test('lines that continue a multi-line string are kept as written and do not set the indentation', () => {
    const body = '    sql = """\nSELECT *\n  FROM t\n"""\n    return sql';
    expect(texts(body)).toEqual(['sql = """', '|SELECT *', '|  FROM t', '|"""', 'return sql']);
  });

  test('the opening docstring is dropped on request, a later string statement never', () => {
    const body = '    """Doc\n    more."""\n    x = 1\n    "not a docstring"';
    expect(texts(body, true)).toEqual(['x = 1', '"not a docstring"']);
    expect(texts(body, false)[0]).toBe('"""Doc');
  });

  test('a body already parsed as a fragment can be given instead of its text', () => {
    const parsed = parser.parseFragment('        return 1');
    expect(parser.fragmentBody(parsed)).toEqual([{ text: 'return 1', verbatim: false }]);
    expect(fragmentBody(parsed)).toEqual(parser.fragmentBody(parsed));
  });
});
