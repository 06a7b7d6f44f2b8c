import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from '@jest/globals';
import { loadPythonParser, type PythonParser } from '@onexgen/response-validator';
import { findStubs, injectBodies, injectionBase, mergeImports } from '../src/index.js';

const EXAMPLE = fileURLToPath(new URL('../../../examples/stubbed/node_inventory_effect.py', import.meta.url));
const source = readFileSync(EXAMPLE, 'utf8');
let parser: PythonParser;
beforeAll(async () => {
  parser = await loadPythonParser();
});

describe('injectBodies', () => {
  const body = (method: string) => `result = await self._${method}_impl()\nreturn result\n`;

  test('replaces only stub bodies; bytes outside are unchanged and the docstrings stay', () => {
    const module = parser.parse(source);
    const stubs = findStubs(parser, module);
    const { source: out, addedImports } = injectBodies(
      parser,
      source,
      stubs.map((stub) => ({ stub, code: stub.isAsync ? body(stub.method) : 'return None' })),
    );
    expect(addedImports).toEqual([]);
    // Rebuild the output from the original: outside pieces must appear unchanged and in order.
    let cursor = 0;
    let rebuilt = '';
    const sorted = [...stubs].sort((a, b) => a.replaceStart - b.replaceStart);
    const outParsed = parser.parse(out);
    expect(outParsed.syntaxValid).toBe(true);
    for (const stub of sorted) {
      const piece = source.slice(cursor, stub.replaceStart);
      const at = out.indexOf(piece, rebuilt.length);
      expect(at).toBe(rebuilt.length);
      rebuilt += piece;
      const newBody = outParsed.functions.find((f) => f.qualifiedName === stub.qualifiedName)!;
      const end = out.indexOf('\n', newBody.body.endIndex) === -1 ? out.length : out.indexOf('\n', newBody.body.endIndex);
      rebuilt = out.slice(0, end);
      cursor = stub.replaceEnd;
    }
    expect(out.slice(rebuilt.length)).toBe(source.slice(cursor));
    // docstrings of the stubs are kept
    for (const stub of stubs) {
      const fn = outParsed.functions.find((f) => f.qualifiedName === stub.qualifiedName)!;
      expect(fn.docstring?.text).toBe(stub.function.docstring?.text);
    }
    expect(findStubs(parser, outParsed)).toEqual([]);
    expect(out).toContain('        result = await self._reserve_stock_impl()\n        return result\n\n    async def release_stock');
    expect(out).toContain('    def get(self, key: K) -> V | None:\n        return None\n');
  });

  test('re-indents, drops a generated docstring, keeps multi-line strings verbatim, adds imports once', () => {
    const module = parser.parse(source);
    const stub = findStubs(parser, module).find((s) => s.method === 'reserve_stock')!;
    const code = [
      '    """A docstring the model repeated."""',
      '    query = """',
      'SELECT qty',
      '  FROM stock',
      '"""',
      '    await asyncio.sleep(0)',
      '    return {"sku": sku, "at": datetime.now(UTC).isoformat(), "q": query}',
    ].join('\n');
    const { source: out, addedImports } = injectBodies(parser, source, [
      { stub, code, imports: ['import asyncio', 'from datetime import UTC, datetime', 'from typing import Any', 'import asyncio'] },
    ]);
    expect(addedImports).toEqual(['import asyncio', 'from datetime import UTC, datetime']);
    expect(out.match(/^import asyncio$/gm)).toHaveLength(1);
    expect(out).toContain('from omnibase_core.nodes.node_effect import NodeEffect\nimport asyncio\nfrom datetime import UTC, datetime\n\nHELP_TEXT');
    expect(out).toContain('        query = """\nSELECT qty\n  FROM stock\n"""\n        await asyncio.sleep(0)\n');
    expect(out).not.toContain('A docstring the model repeated');
    expect(parser.parse(out).syntaxValid).toBe(true);
  });

  test("a body's own parse (its validation's) is used instead of parsing it again; a parse of other text is not", () => {
    const stub = findStubs(parser, parser.parse(source)).find((s) => s.method === 'reserve_stock')!;
    const code = ['"""A docstring the model repeated."""', 'query = """', 'SELECT qty', '  FROM stock', '"""', 'return {"q": query}'].join('\n');
    const fromText: string[] = [];
    const counting: PythonParser = Object.assign(Object.create(parser) as PythonParser, {
      fragmentBody: (body: Parameters<PythonParser['fragmentBody']>[0], opts?: Parameters<PythonParser['fragmentBody']>[1]) => {
        if (typeof body === 'string') fromText.push(body);
        return parser.fragmentBody(body, opts);
      },
    });
    const plain = injectBodies(counting, source, [{ stub, code }]).source;
    expect(fromText).toEqual([code]);
    fromText.length = 0;
    // parsed as the validator does it: under the method's own name
    const reused = injectBodies(counting, source, [{ stub, code, parsed: parser.parseFragment(code, { isAsync: true, methodName: 'reserve_stock' }) }]).source;
    expect(fromText).toEqual([]);
    expect(reused).toBe(plain);
    // a parse of another text (the body before a change) is ignored, and the text parsed
    const stale = injectBodies(counting, source, [{ stub, code, parsed: parser.parseFragment('return 1') }]).source;
    expect(fromText).toEqual([code]);
    expect(stale).toBe(plain);
  });

  test('refuses a result that does not parse', () => {
    const stub = findStubs(parser, parser.parse(source)).find((s) => s.method === 'reserve_stock')!;
    expect(() => injectBodies(parser, source, [{ stub, code: 'return (' }])).toThrow(/does not parse/);
  });

  test('keeps CRLF line endings', () => {
    const crlf = source.replace(/\n/g, '\r\n');
    const stub = findStubs(parser, parser.parse(crlf)).find((s) => s.method === 'reserve_stock')!;
    const { source: out } = injectBodies(parser, crlf, [{ stub, code: 'x = 1\nreturn {"x": x}' }]);
    expect(out.replace(/\r\n/g, '')).not.toContain('\n');
    expect(out).toContain('        x = 1\r\n        return {"x": x}\r\n');
  });

  test('many stubs are injected in one pass: every body lands in its own method', () => {
    const methods = Array.from({ length: 300 }, (_, i) => `    async def op_${i}(self) -> dict:\n        # IMPLEMENTATION REQUIRED\n        pass\n`);
    const big = `class NodeBigEffect:\n${methods.join('\n')}`;
    const stubs = findStubs(parser, parser.parse(big));
    expect(stubs).toHaveLength(300);
    const { source: out } = injectBodies(parser, big, stubs.map((stub) => ({ stub, code: `return {"op": ${stub.method.slice(3)}}` })));
    const filled = parser.parse(out).functions;
    expect(filled.map((f) => f.statements.map((s) => s.text))).toEqual(methods.map((_, i) => [`return {"op": ${i}}`]));
  });
});

describe('injectBodies checks added imports with the text up to them', () => {
  const stubbed = (head: string) => `${head}\n\n\nclass NodeXEffect:\n    async def run(self, sku: str) -> dict:\n        # IMPLEMENTATION REQUIRED\n        pass\n`;
  const inject = (src: string, code: string) => {
    const stubs = findStubs(parser, parser.parse(src));
    return injectBodies(parser, src, stubs.map((stub) => ({ stub, code, imports: ['import json', 'from uuid import uuid4'] })));
  };
  test.each([
    ['after an import with a comment', '"""Doc."""\nimport os  # the os module'],
    ['after a docstring', '"""Doc."""'],
    ['after an import that shares its line with code', 'import os; LIMIT = 3'],
    ['at the start of a file without imports or docstring', '# comment only'],
  ])('%s: the result parses and holds the imports once', (_what, head) => {
    const { source: out, addedImports } = inject(stubbed(head), 'return {"id": str(uuid4()), "v": json.dumps(sku)}');
    expect(addedImports).toEqual(['import json', 'from uuid import uuid4']);
    const whole = parser.parse(out);
    expect(whole.syntaxValid).toBe(true);
    expect(whole.imports.filter((i) => i.module === 'json' || i.module === 'uuid')).toHaveLength(2);
  });
  test('a body that breaks the file is refused with the whole file\'s first error', () => {
    expect(() => inject(stubbed('"""Doc."""\nimport os'), 'return json.dumps((sku)')).toThrow(/does not parse after injection \(line 7: '\(' was never closed\)/);
  });
});

describe('mergeImports', () => {
  test('adds only what is missing, after the last absolute import, in the file line ending', () => {
    const src = 'import os\r\nfrom .models import M\r\n\r\nX = 1\r\n';
    expect(mergeImports(parser, src, ['import os', 'from typing import Any'])).toEqual({
      source: 'import os\r\nfrom typing import Any\r\nfrom .models import M\r\n\r\nX = 1\r\n',
      added: ['from typing import Any'],
    });
  });
});

describe("injectBodies given the file's own parse", () => {
  /** A parser that records the length of every text it parses whole. */
  const counting = () => {
    const lengths: number[] = [];
    const p: PythonParser = Object.assign(Object.create(parser) as PythonParser, {
      parse: (text: string) => {
        lengths.push(text.length);
        return parser.parse(text);
      },
    });
    return { p, lengths };
  };
  const fill = (src: string, code: (method: string) => string, imports: string[] = [], opts = {}) => {
    const module = parser.parse(src);
    const injections = findStubs(parser, module, opts).map((stub) => ({ stub, code: code(stub.method), imports }));
    return { whole: injectBodies(parser, src, injections), local: injectBodies(parser, src, injections, injectionBase(module)) };
  };

  test.each([
    ['the example node, imports added', source, ['import json', 'from uuid import uuid4']],
    ['the example node in CRLF', source.replace(/\n/g, '\r\n'), ['import json']],
    ['a file whose only head is a docstring', '"""Doc."""\n\n\nclass NodeXEffect:\n    async def run(self, sku: str) -> dict:\n        # IMPLEMENTATION REQUIRED\n        pass\n', ['import json']],
    ['a file without imports or docstring', '# comment only\n\n\nclass NodeXEffect:\n    async def run(self, sku: str) -> dict:\n        # IMPLEMENTATION REQUIRED\n        pass\n', ['import json']],
  ])('%s: the same bytes and imports as checking the whole result', (_what, src, imports) => {
    const { whole, local } = fill(src, (m) => `value = json.dumps({"m": "${m}"})\nreturn {"v": value}`, imports);
    expect(local).toEqual(whole);
  });

  test('parses only the changed definitions and the import block, not the rest of the file', () => {
    const helpers = Array.from({ length: 2_000 }, (_, i) => `\n\ndef helper_${i}(items):\n    return [x * ${i} for x in items]\n`).join('');
    // one class of 2,000 methods (the usual shape of a large node) and 2,000 functions after it
    const methods = Array.from({ length: 2_000 }, (_, i) => `\n    def m_${i}(self, items):\n        return [x * ${i} for x in items]\n`).join('');
    const big = source.replace(/\nclass NodeInventoryEffect\((.*)\):\n/, (line) => `${line}${methods}`) + helpers;
    const module = parser.parse(big);
    expect(module.functions.filter((f) => f.className === 'NodeInventoryEffect').length).toBeGreaterThan(2_000);
    const injections = findStubs(parser, module).map((stub) => ({ stub, code: 'return {"ok": True}', imports: ['import json'] }));
    const { p, lengths } = counting();
    const local = injectBodies(p, big, injections, injectionBase(module));
    expect(local).toEqual(injectBodies(parser, big, injections));
    expect(lengths.length).toBeGreaterThan(0);
    expect(Math.max(...lengths)).toBeLessThan(3_000);
  });

  test.each([
    ['a method of a nested class', 'import os\n\n\nclass Outer:\n    class NodeXEffect:\n        def run(self):\n            # IMPLEMENTATION REQUIRED\n            pass\n'],
    ['a tab-indented class', 'import os\n\n\nclass NodeXEffect:\n\tdef run(self):\n\t\t# IMPLEMENTATION REQUIRED\n\t\tpass\n\n\tdef other(self):\n\t\treturn 1\n'],
    ['a function inside an `if` block', 'import os\n\nif os.name:\n    def run():\n        # IMPLEMENTATION REQUIRED\n        pass\n'],
  ])('%s: the same result as the whole-file check, and the same refusal of a body that breaks it', (_what, src) => {
    const module = parser.parse(src);
    const stubs = findStubs(parser, module);
    expect(stubs).toHaveLength(1);
    const good = [{ stub: stubs[0]!, code: 'value = os.getpid()\nreturn {"pid": value}', imports: ['import json'] }];
    expect(injectBodies(parser, src, good, injectionBase(module))).toEqual(injectBodies(parser, src, good));
    const bad = [{ stub: stubs[0]!, code: 'return (1' }];
    const whole = (() => { try { injectBodies(parser, src, bad); return ''; } catch (e) { return (e as Error).message; } })();
    expect(whole).toMatch(/does not parse after injection \(line \d+/);
    expect(() => injectBodies(parser, src, bad, injectionBase(module))).toThrow(whole);
  });

  test('checkWhole: the same bytes and refusals, from one parse of the whole result (the text its caller parses next)', () => {
    const module = parser.parse(source);
    const injections = findStubs(parser, module).map((stub) => ({ stub, code: `value = json.dumps({"m": "${stub.method}"})\nreturn {"v": value}`, imports: ['import json'] }));
    const { p, lengths } = counting();
    const result = injectBodies(p, source, injections, injectionBase(module), { checkWhole: true });
    expect(result).toEqual(injectBodies(parser, source, injections, injectionBase(module)));
    expect(result.addedImports).toEqual(['import json']);
    // beside the import line itself (read for the names it binds), one parse: the whole result
    expect(lengths.filter((n) => n > 100)).toEqual([result.source.length]);
    const broken = [{ ...injections[0]!, code: 'return json.dumps((1)' }, ...injections.slice(1)];
    const local = (() => { try { injectBodies(parser, source, broken, injectionBase(module)); return ''; } catch (e) { return (e as Error).message; } })();
    expect(local).toMatch(/does not parse after injection \(line \d+: '\(' was never closed\)/);
    expect(() => injectBodies(parser, source, broken, injectionBase(module), { checkWhole: true })).toThrow(local);
  });

  test('neighbouring methods of one class are checked in one parse', () => {
    const methods = Array.from({ length: 10 }, (_, i) => `    def m_${i}(self) -> dict:\n        # IMPLEMENTATION REQUIRED\n        pass\n\n    def keep_${i}(self) -> int:\n        return ${i}\n`);
    const src = `import os\n\n\nclass NodeXEffect:\n${methods.join('\n')}`;
    const module = parser.parse(src);
    const injections = findStubs(parser, module).map((stub) => ({ stub, code: 'return {"pid": os.getpid()}' }));
    expect(injections).toHaveLength(10);
    const { p, lengths } = counting();
    expect(injectBodies(p, src, injections, injectionBase(module))).toEqual(injectBodies(parser, src, injections));
    expect(lengths).toHaveLength(1);
  });

  test('methods of one class in blocks at different depths: a refused span is decided by each method alone', () => {
    const src =
      'import os\n\n\nclass NodeXEffect:\n    if os.name:\n        def a(self):\n            # IMPLEMENTATION REQUIRED\n            pass\n' +
      '    if os.sep:\n        def b(self):\n            # IMPLEMENTATION REQUIRED\n            pass\n';
    const module = parser.parse(src);
    const injections = findStubs(parser, module).map((stub) => ({ stub, code: 'return 1' }));
    expect(injections).toHaveLength(2);
    expect(injectBodies(parser, src, injections, injectionBase(module))).toEqual(injectBodies(parser, src, injections));
    const broken = [injections[0]!, { ...injections[1]!, code: 'return (' }];
    expect(() => injectBodies(parser, src, broken)).toThrow(/does not parse after injection \(line 10: '\(' was never closed\)/);
    expect(() => injectBodies(parser, src, broken, injectionBase(module))).toThrow(/does not parse after injection \(line 10: '\(' was never closed\)/);
  });

  test('a body that breaks its statement is refused naming its line in the result (the added import line counted)', () => {
    const src = '"""Doc."""\nimport os\n\n\nclass NodeXEffect:\n    async def run(self, sku: str) -> dict:\n        # IMPLEMENTATION REQUIRED\n        pass\n';
    const module = parser.parse(src);
    const [stub] = findStubs(parser, module);
    expect(() => injectBodies(parser, src, [{ stub: stub!, code: 'return json.dumps((sku)', imports: ['import json'] }], injectionBase(module))).toThrow(
      /does not parse after injection \(line 8: '\(' was never closed\)/,
    );
  });

  test('an import inside a replaced body does not count as present', () => {
    const src = 'import os\n\n\nclass NodeXEffect:\n    def run(self):\n        # IMPLEMENTATION REQUIRED\n        import json\n        pass\n';
    const { whole, local } = fill(src, () => 'return json.dumps(1)', ['import json'], { includeUncertain: true });
    expect(local.addedImports).toEqual(['import json']);
    expect(local).toEqual(whole);
  });

  test.each([
    ['a file under `from __future__ import barry_as_FLUFL`', 'from __future__ import barry_as_FLUFL\n\n\nclass NodeXEffect:\n    def run(self):\n        # IMPLEMENTATION REQUIRED\n        pass\n'],
  ])('%s is checked by parsing the whole result', (_what, src) => {
    const module = parser.parse(src);
    const { p, lengths } = counting();
    const out = injectBodies(p, src, findStubs(parser, module).map((stub) => ({ stub, code: 'return 1' })), injectionBase(module)).source;
    expect(lengths).toContain(out.length);
  });
});
