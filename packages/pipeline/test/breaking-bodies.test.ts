// When a node's filled text does not parse, the bodies to blame are found by halving the set, and
// they are the ones that fail injected alone: the same verdict as trying each body alone.
import { beforeAll, describe, expect, test } from '@jest/globals';
import { findStubs, injectBodies, type BodyInjection } from '@onexgen/node-source';
import { loadPythonParser, type PythonParser } from '@onexgen/response-validator';
import { breakingBodies } from '../src/node/breaking-bodies.js';

let parser: PythonParser;
beforeAll(async () => {
  parser = await loadPythonParser();
});

const source = 'class NodeXEffect:\n' + Array.from({ length: 13 }, (_, i) => `    def m${i}(self):\n        # IMPLEMENTATION REQUIRED\n        pass\n`).join('\n');
const BROKEN: Record<number, string> = { 2: 'return (', 7: 'x = """never closed', 12: 'return 1\n  y = 2' };

function injections(): BodyInjection[] {
  return findStubs(parser, parser.parse(source)).map((stub, i) => ({ stub, code: BROKEN[i] ?? `return ${i}`, imports: i % 2 ? ['import json'] : [] }));
}

const aloneFails = (all: BodyInjection[], i: number) => {
  try {
    injectBodies(parser, source, [all[i]!]);
    return false;
  } catch {
    return true;
  }
};

describe('breakingBodies', () => {
  test('names the bodies that break the file alone, with the error injecting them gives', () => {
    const all = injections();
    expect(all).toHaveLength(13);
    expect(() => injectBodies(parser, source, all)).toThrow(/does not parse/);
    const found = breakingBodies(parser, source, all);
    expect(found.map((b) => b.index)).toEqual(all.map((_, i) => i).filter((i) => aloneFails(all, i)));
    expect(found.map((b) => b.index)).toEqual([2, 7, 12]);
    expect(found[0]!.error.message).toBe("the file does not parse after injection (line 11: '(' was never closed)");
  });

  test('a set whose bodies each inject cleanly names none', () => {
    const all = injections().map((inj, i) => ({ ...inj, code: `return ${i}` }));
    expect(breakingBodies(parser, source, all)).toEqual([]);
  });
});
