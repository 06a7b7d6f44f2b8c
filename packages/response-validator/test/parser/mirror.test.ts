// The plain-JS mirror must read exactly like the live web-tree-sitter tree it was built from: same
// nodes, types, fields, ranges and error flags, through the direct wasm binding and through the
// public TreeCursor API alike.
import { beforeAll, describe, expect, test } from '@jest/globals';
import type { Node, Tree } from 'web-tree-sitter';
import { loadPythonParser, type TreeSitterPythonParser } from '../../src/index.js';
import { buildSyntaxTree } from '../../src/parser/mirror/build-mirror.js';
import type { SyntaxNode } from '../../src/parser/mirror/syntax-node.js';
import type { WasmBinding } from '../../src/parser/mirror/wasm-binding.js';

let parser: TreeSitterPythonParser;
beforeAll(async () => {
  parser = await loadPythonParser();
});

const SOURCES: Record<string, string> = {
  valid: `import os.path as p, sys
from .m import (a as b, c)

class C[T](Base, metaclass=M):
    """doc"""
    async def run(self, x: int = 1, *args, key: str, **kw) -> dict[str, T]:
        async with self.pool.acquire() as conn:  # comment
            rows = await conn.fetch(f"SELECT {x!r:>10}", *args)
        match rows:
            case [first, *rest] if first: return {"a": first}
            case {"k": v, **others}: pass
        return {k: v for k, v in kw.items() if k} | {"é": "ünï"}
`,
  broken: `def f(x:\n    return x +\nclass A(\n    pass\n  y = [1, 2\nprint("unterminated)\n`,
  missing: `def g():\n    if x\n        y = (1,\n`,
  empty: ``,
};

function compare(real: Node, mirror: SyntaxNode, fields: readonly (string | null)[], path: string): void {
  const at = `${path}/${real.type}@${real.startIndex}`;
  expect({ at, type: mirror.type, named: mirror.isNamed, start: mirror.startIndex, end: mirror.endIndex, sp: mirror.startPosition, ep: mirror.endPosition })
    .toEqual({ at, type: real.type, named: real.isNamed, start: real.startIndex, end: real.endIndex, sp: real.startPosition, ep: real.endPosition });
  expect({ at, missing: mirror.isMissing, error: mirror.hasError, isError: mirror.isError, text: mirror.text })
    .toEqual({ at, missing: real.isMissing, error: real.hasError, isError: real.isError, text: real.text });
  for (const field of fields) {
    if (!field) continue;
    expect({ at, field, child: mirror.childForFieldName(field)?.startIndex ?? null, count: mirror.childrenForFieldName(field).length })
      .toEqual({ at, field, child: real.childForFieldName(field)?.startIndex ?? null, count: real.childrenForFieldName(field).length });
  }
  expect(mirror.children.length).toBe(real.children.length);
  real.children.forEach((child, i) => compare(child!, mirror.children[i]!, fields, at));
}

describe.each([
  ['the direct wasm binding', () => (parser as unknown as { binding?: WasmBinding }).binding],
  ['the public TreeCursor API', () => undefined],
])('mirror through %s', (_name, binding) => {
  test('the process-wide parser captured the wasm binding', () => {
    expect((parser as unknown as { binding?: WasmBinding }).binding).toBeDefined();
  });

  test.each(Object.keys(SOURCES))('%s source: every node, field and flag agrees with the live tree', (name) => {
    const source = SOURCES[name]!;
    parser.withTree(source, (live) => {
      const tree = live as unknown as Tree; // at run time the live tree is web-tree-sitter's own
      const mirror = buildSyntaxTree(tree, source, binding());
      compare(tree.rootNode, mirror.rootNode, tree.language.fields, '');
      // (not 'ERROR' with other types: web-tree-sitter then returns the ERROR nodes only; no caller asks that)
      for (const types of [['identifier'], ['call', 'string'], ['ERROR'], ['await', 'async']]) {
        expect(mirror.rootNode.descendantsOfType(types).map((n) => [n.type, n.startIndex]))
          .toEqual(tree.rootNode.descendantsOfType(types).map((n) => [n!.type, n!.startIndex]));
      }
      for (let i = 0; i < source.length; i += 3) {
        const real = tree.rootNode.descendantForIndex(i, i + 2);
        const ours = mirror.rootNode.descendantForIndex(i, i + 2);
        expect([i, ours?.type, ours?.startIndex, ours?.endIndex]).toEqual([i, real?.type, real?.startIndex, real?.endIndex]);
      }
    });
  });
});
