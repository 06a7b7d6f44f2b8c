// A method body validated alone: every issue's line/column is the fragment's own.
import { beforeAll, describe, expect, test } from '@jest/globals';
import { createValidator, type Validator, ValidationResultSchema } from '../src/index.js';

let v: Validator;
beforeAll(async () => {
  v = await createValidator();
});

const at = (code: string, rule: string, ctx = {}) =>
  v
    .validate(code, { fragment: true, nodeType: 'effect', ...ctx })
    .issues.filter((i) => i.ruleId === rule)
    .map((i) => [i.line, i.column]);

describe('fragment line mapping', () => {
  test('an unindented body: lines and columns are the fragment’s', () => {
    const code = 'rows = await self.pool.fetch("SELECT 1")\npassword = "hunter2hunter2"\nreturn rows\n';
    expect(at(code, 'security/hardcoded-secret')).toEqual([[2, 12]]);
  });

  test('an indented body (8 spaces, as cut from a class): columns count the fragment’s own indentation', () => {
    const code = '        rows = await self.pool.fetch("SELECT 1")\n        password = "hunter2hunter2"\n        return rows\n';
    expect(at(code, 'security/hardcoded-secret')).toEqual([[2, 20]]);
  });

  test('a syntax error maps to the fragment line', () => {
    const r = v.validate('x = 1\ny = (2 +\nreturn x\n', { fragment: true });
    expect(r.syntaxValid).toBe(false);
    expect(r.passed).toBe(false);
    expect(r.score).toBe(0);
    const lines = r.issues.filter((i) => i.ruleId === 'syntax/invalid').map((i) => i.line);
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(l).toBeGreaterThanOrEqual(2);
    for (const l of lines) expect(l).toBeLessThanOrEqual(3);
  });

  test('issues about the whole body anchor inside the fragment, never on the synthetic def line', () => {
    const r = v.validate('value = contract.x\nreturn value\n', { fragment: true, nodeType: 'effect' });
    for (const i of r.issues) expect(i.line).toBeGreaterThanOrEqual(1);
    const info = r.issues.find((i) => i.ruleId === 'onex/async-without-await');
    expect(info?.line).toBe(1);
  });

  test('the synthetic wrapper is not judged for docstring or type hints', () => {
    const r = v.validate('return 1\n', { fragment: true, nodeType: 'effect' });
    expect(r.issues.map((i) => i.ruleId)).not.toContain('onex/missing-docstring');
    expect(r.issues.map((i) => i.ruleId)).not.toContain('onex/missing-type-hints');
  });

  test('a clean ONEX body passes and the result matches its schema', () => {
    const code = [
      'async with self.pool.acquire() as conn:',
      '    row = await conn.fetchrow("SELECT id FROM users WHERE id = $1", contract.user_id)',
      'if row is None:',
      '    raise ModelOnexError(message="user not found", error_code=EnumCoreErrorCode.RESOURCE_NOT_FOUND)',
      // the skeleton binds emit_log_event to emit_log_event_sync(level, message, context)
      'emit_log_event(LogLevel.INFO, "user loaded", {"id": row["id"], "correlation_id": str(contract.correlation_id)})',
      'return {"id": row["id"]}',
    ].join('\n');
    const r = v.validate(code, { fragment: true, nodeType: 'effect', returnAnnotation: 'dict[str, Any]' });
    expect(ValidationResultSchema.parse(r)).toEqual(r);
    expect(r.issues).toEqual([]);
    expect(r.passed).toBe(true);
    expect(r.score).toBe(1);
    expect(r.stats.lines).toBe(6);
    expect(r.stats.functions).toBe(0);
  });
});
