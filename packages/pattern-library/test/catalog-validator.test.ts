// Every shipped example passes the real response-validator's onex-v2 profile with no error.
import { beforeAll, expect, test } from '@jest/globals';
import { createValidator, type Validator } from '@onexgen/response-validator';
import { loadPatternCatalog, type Pattern } from '../src/index.js';

let validator: Validator;
let patterns: readonly Pattern[];

beforeAll(async () => {
  validator = await createValidator({ profile: 'onex-v2' });
  patterns = (await loadPatternCatalog()).patterns;
});

test('every catalog code example is valid Python with no error-severity issue under onex-v2', () => {
  const failures: string[] = [];
  for (const p of patterns) {
    const result = validator.validate(p.codeExample);
    const errors = result.issues.filter((i) => i.severity === 'error');
    if (!result.syntaxValid || !result.passed || errors.length > 0) {
      failures.push(`${p.id}: ${errors.map((e) => `${e.ruleId} line ${e.line}: ${e.message}`).join('; ') || 'did not pass'}`);
    }
  }
  expect(failures).toEqual([]);
  expect(patterns.length).toBe(29);
});

test('the examples are clean: no warnings either, only informational notes', () => {
  const warnings = patterns.flatMap((p) =>
    validator
      .validate(p.codeExample)
      .issues.filter((i) => i.severity === 'warning')
      .map((i) => `${p.id}: ${i.ruleId} line ${i.line}`),
  );
  expect(warnings).toEqual([]);
});

test('the validator does reject a broken example (the check above can fail)', () => {
  const example = patterns.find((p) => p.id === 'error_handling_v1')!.codeExample;
  expect(example).toContain('EnumCoreErrorCode.INVALID_INPUT');
  const broken = example.replace(/EnumCoreErrorCode\.[A-Z_]+/, 'EnumCoreErrorCode.EXECUTION_ERROR');
  const result = validator.validate(broken);
  expect(result.issues.some((i) => i.severity === 'error')).toBe(true);
});
