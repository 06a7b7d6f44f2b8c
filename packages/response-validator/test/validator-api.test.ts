// createValidator / validateResponse end to end: an LLM answer in, a plain serialisable verdict out.
import { beforeAll, describe, expect, jest, test } from '@jest/globals';
import { createValidator, loadPythonParser, ResponseValidationResultSchema, type Validator } from '../src/index.js';

let v: Validator;
beforeAll(async () => {
  v = await createValidator();
});

const fence = '```';

describe('validateResponse', () => {
  test('a reasoning answer with a whole method: extracted, reduced, validated on the body’s own lines', () => {
    const answer = [
      '<think>I should log with print("x") and use EXECUTION_ERROR.</think>',
      'Here is the method:',
      `${fence}python`,
      'import asyncpg',
      '',
      'async def execute_effect(self, contract: ModelContractEffect) -> dict:',
      '    """Load the order."""',
      '    async with self.pool.acquire() as conn:',
      '        row = await conn.fetchrow(f"SELECT * FROM orders WHERE id = {contract.order_id}")',
      '    if row is None:',
      '        raise ModelOnexError(message="missing", error_code=EnumCoreErrorCode.EXECUTION_ERROR)',
      '    return dict(row)',
      fence,
    ].join('\n');
    const r = v.validateResponse(answer, { fragment: true, nodeType: 'effect', methodName: 'execute_effect' });
    expect(ResponseValidationResultSchema.parse(r)).toEqual(r);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    expect(r.extraction.reducedFrom).toBe('function');
    expect(r.extraction.imports).toEqual(['import asyncpg']);
    expect(r.code.split('\n')[0]).toBe('async with self.pool.acquire() as conn:');
    const at = Object.fromEntries(r.issues.map((i) => [i.ruleId, i.line]));
    expect(at['security/sql-injection']).toBe(2);
    expect(at['api/unknown-enum-member']).toBe(4);
    expect(r.issues.some((i) => i.ruleId === 'onex/non-onex-logging')).toBe(false); // print() was only in <think>
    expect(r.passed).toBe(false);
    expect(r.breakdown.security).toBeLessThan(1);
    expect(r.breakdown.compliance).toBeLessThan(1);
  });

  test('a call to emit_log_event inside a string does not count as logging (pattern and compliance read the tree)', () => {
    const ctx = { fragment: true, nodeType: 'effect' as const, expectedPatterns: ['structured_logging'] };
    const fake = v.validate('note = "emit_log_event(LogLevel.INFO, \'done\', {})"\nreturn note\n', ctx);
    expect(fake.issues.map((i) => i.ruleId)).toContain('pattern/missing-expected');
    const real = v.validate('emit_log_event(LogLevel.INFO, "done", {"correlation_id": contract.correlation_id})\nreturn None\n', ctx);
    expect(real.issues.map((i) => i.ruleId)).not.toContain('pattern/missing-expected');
  });

  test('a required pattern that is missing is an error that fails validation; an expected one only warns', () => {
    const body = 'row = await self.db.fetchrow("SELECT id FROM users WHERE id = $1", user_id)\nreturn dict(row)\n';
    const ctx = { fragment: true, nodeType: 'effect' as const, knownNames: ['self', 'user_id'] };
    const required = v.validate(body, { ...ctx, requiredPatterns: ['connection_pooling'] });
    expect(required.issues.filter((i) => i.ruleId === 'pattern/missing-expected').map((i) => [i.severity, i.message.split(':')[0]])).toEqual([
      ['error', 'required pattern "connection_pooling" (connections taken from the node\'s pool) is not used'],
    ]);
    expect(required.passed).toBe(false);
    const expected = v.validate(body, { ...ctx, expectedPatterns: ['connection_pooling'] });
    expect(expected.issues.find((i) => i.ruleId === 'pattern/missing-expected')?.severity).toBe('warning');
    const pooled = v.validate('async with self.pool.acquire() as conn:\n    row = await conn.fetchrow("SELECT id FROM users WHERE id = $1", user_id)\nreturn dict(row)\n', {
      ...ctx,
      requiredPatterns: ['connection_pooling'],
    });
    expect(pooled.issues.map((i) => i.ruleId)).not.toContain('pattern/missing-expected');
  });

  test('the score follows the documented formula', () => {
    const r = v.validate('value = contract.x\nreturn value\n', { fragment: true, nodeType: 'effect' });
    // one info issue (async-without-await) in compliance: 1 − 0.03
    expect(r.issues.map((i) => `${i.category}:${i.severity}`)).toEqual(['compliance:info']);
    expect(r.breakdown).toEqual({ syntax: 1, compliance: 0.97, security: 1, quality: 1, pattern: 1 });
    expect(r.score).toBeCloseTo((0.3 + 0.2 * 0.97 + 0.25 + 0.15 + 0.1) / 1.0, 3);
    expect(r.passed).toBe(true);
  });
});

describe('validateResponse parses a plain body once, a body with imports twice', () => {
  const ctx = { fragment: true, nodeType: 'effect' as const, methodName: 'load_rows' };
  /** validateResponse's verdict and how many times the process's parser parsed for it */
  async function counted(answer: string) {
    const parser = await loadPythonParser();
    const parses = jest.spyOn(parser, 'withSyntaxTree');
    try {
      const r = v.validateResponse(answer, ctx);
      return { r, parses: parses.mock.calls.length };
    } finally {
      parses.mockRestore();
    }
  }
  const body = ['"""Load it."""', 'rows = await self.fetch("SELECT qty FROM stock")', 'if not rows:', '    return {}', 'return {"rows": rows}'];

  test('a fenced body: one parse, and the verdict validate() gives the same body', async () => {
    const { r, parses } = await counted([`${fence}python`, ...body, fence].join('\n'));
    expect(parses).toBe(1);
    expect(r.extraction).toEqual({ code: body.join('\n'), method: 'fenced', imports: [], requiredImports: [], warnings: [] });
    const direct = v.validate(r.code, { ...ctx, generated: true });
    expect(r.issues).toEqual(direct.issues);
    expect([r.passed, r.score, r.breakdown, r.syntaxValid]).toEqual([direct.passed, direct.score, direct.breakdown, direct.syntaxValid]);
    expect(v.parsedBody!(r)).toBeDefined();
  });

  test('a body with an import, a whole definition or a helper defined in it: moved, reduced or kept as before', async () => {
    const imported = await counted([`${fence}python`, 'import json', ...body, fence].join('\n'));
    expect(imported.r.extraction.imports).toEqual(['import json']);
    expect(imported.r.code).toBe(body.join('\n'));
    const whole = await counted([`${fence}python`, 'async def load_rows(self):', ...body.map((l) => `    ${l}`), fence].join('\n'));
    expect(whole.r.extraction.reducedFrom).toBe('function');
    expect(whole.r.code).toBe(body.slice(1).join('\n'));
    // a helper defined inside the body stays: beside it stands other code, nothing to reduce
    const helper = await counted([`${fence}python`, 'def shape(row):', '    return dict(row)', 'return [shape(r) for r in await self.fetch("q")]', fence].join('\n'));
    expect(helper.r.extraction.reducedFrom).toBeUndefined();
    expect(helper.r.code.startsWith('def shape(row):')).toBe(true);
    // imports moved: the body's parse answered extraction, the checks parsed the moved import (for the
    // names it binds) and what was left
    expect(imported.parses).toBe(3);
    const direct = v.validate(imported.r.code, { ...ctx, generated: true, fileImports: ['import json'] });
    expect(imported.r.issues).toEqual(direct.issues);
    expect(imported.r.score).toBe(direct.score);
    // a definition among the statements: extraction parses the body as a module of its own
    for (const c of [whole, helper]) expect(c.parses).toBeGreaterThan(2);
  });

  test('a body that does not parse: the syntax verdict of validate()', async () => {
    const { r } = await counted([`${fence}python`, 'rows = await self.fetch(', 'return rows', fence].join('\n'));
    const direct = v.validate(r.code, { ...ctx, generated: true });
    expect(r.syntaxValid).toBe(false);
    expect(r.issues).toEqual(direct.issues);
    expect(r.issues.some((i) => i.ruleId === 'syntax/invalid')).toBe(true);
  });
});

describe('parsedBody', () => {
  const answer = [`${fence}python`, '"""Load it."""', 'query = """', 'SELECT qty', '  FROM stock', '"""', 'rows = await self.fetch(query)', 'return {"rows": rows}', fence].join('\n');

  test("a validateResponse result's body as that validation parsed it: what parsing the body again gives", async () => {
    const r = v.validateResponse(answer, { fragment: true, nodeType: 'effect', methodName: 'load_rows' });
    const parsed = v.parsedBody!(r);
    expect(parsed).toBeDefined();
    const parser = await loadPythonParser();
    // the validation wrapped the body in a method of its own name
    const { wrapper: _w1, ...mine } = parsed!;
    const { wrapper: _w2, ...theirs } = parser.parseFragment(r.code, { isAsync: true, methodName: 'load_rows' });
    expect(mine.source).toBe(r.code);
    expect(mine).toEqual(theirs);
    // laid out to replace a stub body, it is the body parsed under any name
    for (const dropDocstring of [true, false]) expect(parser.fragmentBody(parsed!, { dropDocstring })).toEqual(parser.fragmentBody(r.code, { dropDocstring }));
  });

  test('nothing for a copy of the result, a whole-module validation or a body that does not parse', () => {
    const r = v.validateResponse(answer, { fragment: true, nodeType: 'effect', methodName: 'load_rows' });
    expect(v.parsedBody!({ ...r })).toBeUndefined();
    expect(v.parsedBody!(v.validateResponse(answer))).toBeUndefined();
    expect(v.parsedBody!(v.validate('return (', { fragment: true }))).toBeUndefined();
    expect(v.parsedBody!(v.validateResponse(`${fence}python\nreturn (\n${fence}`, { fragment: true }))).toBeUndefined();
  });
});
