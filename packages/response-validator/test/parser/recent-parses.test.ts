// rememberParses: a long source parsed again is handed back its parse, and what is handed back is
// what a fresh parse gives (same module, frozen; a tree without the last consumer's memos, so the
// rules' verdicts under another context are their own); limits, nesting and capacity respected.
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { createValidator, loadPythonParser, type TreeSitterPythonParser, type ValidationContext, type Validator } from '../../src/index.js';
import { REMEMBERED_FROM_CHARS, REMEMBERED_UP_TO_CHARS } from '../../src/parser/recent-parses.js';

let parser: TreeSitterPythonParser;
let validator: Validator;
beforeAll(async () => {
  parser = await loadPythonParser();
  validator = await createValidator();
});
afterEach(() => parser.rememberParses(0));
afterAll(() => parser.rememberParses(0));

/** A node file long enough to be remembered: `n` methods calling the ONEX API and a bare `system`. */
function nodeFile(n: number, tag = ''): string {
  const methods = Array.from({ length: n }, (_, i) =>
    [
      `    async def step_${i}${tag}(self, input_data: dict[str, Any]) -> dict[str, Any]:`,
      `        """Step ${i}."""`,
      `        emit_log_event(LogLevel.INFO, "step ${i}", {"keys": sorted(input_data)})`,
      '        if not isinstance(input_data, dict):',
      '            raise ModelOnexError(error_code=EnumCoreErrorCode.INVALID_INPUT, message="not a mapping")',
      `        system(input_data.get("command", "true"))`,
      `        return {"step": ${i}, "items": list(input_data.get("items", []))}`,
      '',
    ].join('\n'),
  );
  return [
    'from typing import Any',
    '',
    'from omnibase_core import EnumCoreErrorCode, ModelOnexError',
    'from omnibase_core.enums.enum_log_level import EnumLogLevel as LogLevel',
    'from omnibase_core.logging.structured import emit_log_event_sync as emit_log_event',
    '',
    '',
    'class NodeLong:',
    ...methods,
  ].join('\n');
}

// durationMs is the one field that differs between two runs of the same check
const verdict = <T extends { stats: { durationMs: number } }>(r: T) => ({ ...r, stats: { ...r.stats, durationMs: 0 } });

describe('rememberParses', () => {
  test('a long source parsed again gets the same parse, equal to a fresh one and frozen; a short one is parsed anew', () => {
    const long = nodeFile(30);
    expect(long.length).toBeGreaterThan(REMEMBERED_FROM_CHARS);
    const fresh = parser.parse(long);
    parser.rememberParses(2);
    const first = parser.parse(long);
    const again = parser.parse(long);
    expect(again).toBe(first);
    expect(first).toEqual(fresh);
    expect(Object.isFrozen(first) && Object.isFrozen(first.functions) && Object.isFrozen(first.functions[0]!.definition)).toBe(true);
    expect(() => (first.imports as unknown[]).push({})).toThrow(TypeError);
    const short = 'x = 1\n';
    expect(parser.parse(short)).not.toBe(parser.parse(short));
    // nor a very long one (a person's large node file is not kept after its run)
    const huge = nodeFile(Math.ceil((1.1 * REMEMBERED_UP_TO_CHARS) / (long.length / 30)));
    expect(huge.length).toBeGreaterThan(REMEMBERED_UP_TO_CHARS);
    expect(parser.parse(huge)).not.toBe(parser.parse(huge));
  });

  test('a rule verdict under one context is not reused under another (memos go with each reuse)', () => {
    const long = nodeFile(30);
    const contexts: ValidationContext[] = [{}, { fileImports: ['from os import system'] }, { fileImports: ['from subprocess import call as system'] }, {}];
    const expected = contexts.map((c) => verdict(validator.validate(long, c)));
    // the bare `system` resolves to os.system only under the second context: the contexts differ
    expect(expected[1]!.issues.filter((i) => i.category === 'security').length).toBeGreaterThan(expected[0]!.issues.filter((i) => i.category === 'security').length);
    parser.rememberParses(2);
    expect(contexts.map((c) => verdict(validator.validate(long, c)))).toEqual(expected);
  });

  test('other limits, a parse of the same text inside the callback, and a full memory parse anew', () => {
    const [a, b, c] = [nodeFile(30, 'a'), nodeFile(30, 'b'), nodeFile(30, 'c')];
    parser.rememberParses(2);
    const first = parser.parse(a);
    const limits = { ...parser.limits };
    try {
      parser.limits.maxNodes = limits.maxNodes - 1;
      expect(parser.parse(a)).not.toBe(first);
    } finally {
      Object.assign(parser.limits, limits);
    }
    const outer = parser.withSyntaxTree(a, (tree, module) => {
      const inner = parser.withSyntaxTree(a, (innerTree, innerModule) => ({ innerTree, innerModule }));
      expect(inner.innerTree).not.toBe(tree);
      expect(inner.innerModule).toEqual(module);
      return module;
    });
    expect(parser.parse(a)).toBe(outer);
    parser.parse(b);
    parser.parse(c);
    expect(parser.parse(a)).not.toBe(outer);
  });
});
