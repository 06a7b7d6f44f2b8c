// Proof: web-tree-sitter and the Python grammar's .wasm load under jest (ESM, dynamic import inside).
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { createRequire } from 'node:module';
import { Language, Parser } from 'web-tree-sitter';

const require = createRequire(import.meta.url);
let parser: Parser;

beforeAll(async () => {
  await Parser.init();
  parser = new Parser();
  parser.setLanguage(await Language.load(require.resolve('tree-sitter-python/tree-sitter-python.wasm')));
});

afterAll(() => parser.delete());

test('parses an async method and finds its name', () => {
  const tree = parser.parse('class A:\n    async def run(self) -> int:\n        return 1\n')!;
  try {
    expect(tree.rootNode.hasError).toBe(false);
    const fn = tree.rootNode.descendantsOfType('function_definition')[0]!;
    expect(fn.childForFieldName('name')!.text).toBe('run');
  } finally {
    tree.delete();
  }
});

test('flags broken syntax', () => {
  const tree = parser.parse('def f(:\n    pass\n')!;
  try {
    expect(tree.rootNode.hasError).toBe(true);
  } finally {
    tree.delete();
  }
});
