// Large inputs end in a clear error, never an exhausted heap or an aborted WebAssembly module: a tree
// with more nodes than `limits.maxNodes` is refused before it is mirrored, and a parse whose
// WebAssembly memory grows past `limits.maxParserGrowthBytes` is cancelled. The limits are lowered
// here so that small sources reach them (the defaults are about 4 M nodes / 1 GiB: the bench
// large-input-bench.mjs measures real sizes). Nothing here is timed.
import { afterEach, beforeAll, expect, test } from '@jest/globals';
import { createValidator, loadPythonParser, PythonParserError, type TreeSitterPythonParser } from '../../src/index.js';

let parser: TreeSitterPythonParser;
let defaults: { maxNodes: number; maxParserGrowthBytes: number };
beforeAll(async () => {
  parser = await loadPythonParser();
  defaults = { ...parser.limits };
});
afterEach(() => {
  Object.assign(parser.limits, defaults);
});

// 2,000 statements of 13 nodes each (call, arguments, list, ...)
const calls = (n: number) => Array.from({ length: n }, (_, i) => `f${i % 10}(a, [1, 2], b)\n`).join('');

test('a tree over maxNodes is refused with SOURCE_TOO_LARGE, naming its node count and the limit', () => {
  expect(parser.parse(calls(2000)).syntaxValid).toBe(true);
  parser.limits.maxNodes = 5000;
  let caught: unknown;
  try {
    parser.parse(calls(2000));
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(PythonParserError);
  expect((caught as PythonParserError).code).toBe('SOURCE_TOO_LARGE');
  expect((caught as PythonParserError).message).toMatch(/^source too large to validate: [\d,]+ syntax nodes, over the limit of 5,000 \(split the file\)$/);
  // under the limit the same parser goes on working
  expect(parser.parse(calls(100)).functions).toEqual([]);
  expect(parser.parse(calls(100)).calls).toHaveLength(100);
});

test('the validator passes the refusal on (the CLI reports it as INPUT_TOO_LARGE, exit 2)', async () => {
  const validator = await createValidator({ profile: 'generic-python' });
  parser.limits.maxNodes = 5000;
  expect(() => validator.validate(calls(2000))).toThrow(expect.objectContaining({ code: 'SOURCE_TOO_LARGE' }) as unknown as Error);
  parser.limits.maxNodes = defaults.maxNodes;
  expect(validator.validate(calls(2000)).syntaxValid).toBe(true);
});

test('a parse that would grow WebAssembly memory past the budget is cancelled with a clear error', () => {
  // a negative budget cancels at tree-sitter's first progress report (large sources only: 256 K chars)
  parser.limits.maxParserGrowthBytes = -1;
  const big = calls(20_000);
  expect(big.length).toBeGreaterThan(256 * 1024);
  expect(() => parser.parse(big)).toThrow(/^source too large to parse: tree-sitter's memory grew by more than/);
  // small sources are never watched, and the parser is usable after a cancelled parse
  expect(parser.parse('x = 1\n').syntaxValid).toBe(true);
  parser.limits.maxParserGrowthBytes = defaults.maxParserGrowthBytes;
  expect(parser.parse(big).calls).toHaveLength(20_000);
});
