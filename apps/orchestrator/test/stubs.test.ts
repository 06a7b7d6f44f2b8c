import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from '@jest/globals';
import { loadPythonParser, type PythonParser } from '@onexgen/response-validator';
import { findStubs, stubToJson } from '../src/stubs/find-stubs.js';
import { injectBodies } from '../src/stubs/inject.js';

const EXAMPLE = fileURLToPath(new URL('../../../examples/stubbed/node_inventory_effect.py', import.meta.url));
const source = readFileSync(EXAMPLE, 'utf8');
let parser: PythonParser;
beforeAll(async () => {
  parser = await loadPythonParser();
});

describe('findStubs', () => {
  test('finds every real stub form and nothing else', () => {
    const stubs = findStubs(parser.parse(source));
    expect(stubs.map((s) => [s.className, s.method, s.marker])).toEqual([
      ['NodeInventoryEffect', 'execute_effect', 'IMPLEMENTATION REQUIRED'],
      ['NodeInventoryEffect', 'reserve_stock', 'IMPLEMENTATION REQUIRED'],
      ['NodeInventoryEffect', 'release_stock', 'TODO'],
      ['NodeInventoryEffect', 'stock_level', 'NotImplementedError'],
      ['NodeInventoryEffect', '_check_database_health', 'TODO'],
      ['NodeInventoryEffect', 'audit', 'Stub'],
      ['Cache', 'get', 'Stub'],
    ]);
  });

  test('reports 1-based lines of the signature and of the body after the docstring', () => {
    const lines = source.split('\n');
    const json = findStubs(parser.parse(source)).map(stubToJson);
    const reserve = json.find((s) => s.method === 'reserve_stock')!;
    expect(reserve).toMatchObject({ class: 'NodeInventoryEffect', async: true, marker: 'IMPLEMENTATION REQUIRED' });
    expect(lines[(reserve.signatureLine as number) - 1]).toContain('async def reserve_stock(');
    expect(lines[(reserve.bodyStartLine as number) - 1]!.trim()).toBe('# IMPLEMENTATION REQUIRED');
    expect(lines[(reserve.bodyEndLine as number) - 1]!.trim()).toBe('pass');
    const route = json.find((s) => s.method === 'execute_effect')!;
    expect(lines[(route.bodyStartLine as number) - 1]!.trim()).toBe('try:');
    expect(lines[(route.bodyEndLine as number) - 1]!.trim()).toBe(') from e');
    const audit = json.find((s) => s.method === 'audit')!;
    expect(audit.async).toBe(false);
    expect(lines[(audit.bodyEndLine as number) - 1]!.trim()).toBe('pass  # Stub');
  });

  test('a marker inside a nested function belongs to that function, not to the method', () => {
    const src = ['class A:', '    def outer(self):', '        def inner():', '            # TODO: later', '            return 1', '        return inner()', ''].join('\n');
    expect(findStubs(parser.parse(src))).toEqual([]);
  });
});

describe('injectBodies', () => {
  const body = (method: string) => `result = await self._${method}_impl()\nreturn result\n`;

  test('replaces only stub bodies; bytes outside are unchanged and the docstrings stay', () => {
    const module = parser.parse(source);
    const stubs = findStubs(module);
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
    expect(findStubs(outParsed)).toEqual([]);
    expect(out).toContain('        result = await self._reserve_stock_impl()\n        return result\n\n    async def release_stock');
    expect(out).toContain('    def get(self, key: K) -> V | None:\n        return None\n');
  });

  test('re-indents, drops a generated docstring, keeps multi-line strings verbatim, adds imports once', () => {
    const module = parser.parse(source);
    const stub = findStubs(module).find((s) => s.method === 'reserve_stock')!;
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

  test('refuses a result that does not parse', () => {
    const stub = findStubs(parser.parse(source)).find((s) => s.method === 'reserve_stock')!;
    expect(() => injectBodies(parser, source, [{ stub, code: 'return (' }])).toThrow(/does not parse/);
  });

  test('keeps CRLF line endings', () => {
    const crlf = source.replace(/\n/g, '\r\n');
    const stub = findStubs(parser.parse(crlf)).find((s) => s.method === 'reserve_stock')!;
    const { source: out } = injectBodies(parser, crlf, [{ stub, code: 'x = 1\nreturn {"x": x}' }]);
    expect(out.replace(/\r\n/g, '')).not.toContain('\n');
    expect(out).toContain('        x = 1\r\n        return {"x": x}\r\n');
  });
});
