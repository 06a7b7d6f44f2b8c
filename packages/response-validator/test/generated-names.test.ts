// Generated bodies: a name nothing binds is an error (it fails at run time), and the answer's own
// imports are requirements of the file's import block whose names count as bound.
import { beforeAll, describe, expect, test } from '@jest/globals';
import { createValidator, extractCode, type Validator } from '../src/index.js';

let v: Validator;
beforeAll(async () => {
  v = await createValidator();
});

// the compute entry method the real NodeCompute calls: process(self, input_data)
const entry = { fragment: true, nodeType: 'compute' as const, methodName: 'process' };
const undefinedNames = (r: { issues: { ruleId: string; severity: string; message: string }[] }) =>
  r.issues.filter((i) => i.ruleId === 'quality/undefined-name');

describe('names nothing binds in generated code', () => {
  test('contract read in a process(self, input_data) body is an error and fails the body', () => {
    const r = v.validate('"""Compute."""\nvalues = contract.values\nreturn {"sum": sum(values)}\n', entry);
    expect(undefinedNames(r)).toEqual([expect.objectContaining({ severity: 'error', line: 2, message: expect.stringContaining('"contract"') })]);
    expect(r.passed).toBe(false);
  });

  test('parameters, self, builtins, loop/comprehension/with/except targets, walrus, global and local imports bind', () => {
    const body = [
      'import math',
      'total = 0',
      'for item in input_data.items:',
      '    total += item',
      'squares = [x * x for x in range(3)]',
      'with open("f") as fh:',
      '    data = fh.read()',
      'try:',
      '    pass',
      'except ValueError as err:',
      '    total = len(str(err))',
      'if (n := len(squares)) > 1:',
      '    total += n',
      'return {"t": total, "s": squares, "d": data, "m": math.pi, "self": self}',
      '',
    ].join('\n');
    expect(undefinedNames(v.validate(body, entry))).toEqual([]);
  });

  test('the module-level names and imports of the file bind (fileImports, knownNames)', () => {
    const r = v.validate('return helper(os.getcwd(), LIMIT)\n', { ...entry, fileImports: ['import os'], knownNames: ['helper', 'LIMIT'] });
    expect(undefinedNames(r)).toEqual([]);
  });

  test('hand-written whole files keep the profile severity (warning)', () => {
    const r = v.validate('def f(x: int) -> int:\n    """F."""\n    return x + y\n');
    expect(undefinedNames(r)).toEqual([expect.objectContaining({ severity: 'warning' })]);
    expect(undefinedNames(v.validate('def f(x: int) -> int:\n    """F."""\n    return x + y\n', { generated: true }))[0]?.severity).toBe('error');
  });
});

describe('imports in an answer', () => {
  const answer = '```python\nimport os\nfrom pathlib import Path as P\n\nroot = P(os.getcwd())\nreturn {"root": str(root), "n": input_data.n}\n```';

  test('extractCode returns them as requiredImports (data), never drops them silently', () => {
    const r = extractCode(answer);
    expect(r.code).toBe('root = P(os.getcwd())\nreturn {"root": str(root), "n": input_data.n}');
    expect(r.requiredImports).toEqual([
      { statement: 'import os', kind: 'import', module: 'os', names: [{ name: 'os' }], binds: ['os'] },
      { statement: 'from pathlib import Path as P', kind: 'from', module: 'pathlib', names: [{ name: 'Path', alias: 'P' }], binds: ['P'] },
    ]);
    expect(r.warnings.join('\n')).toContain('requiredImports');
  });

  test('validateResponse counts their names as bound: no "os is not defined"', () => {
    const r = v.validateResponse(answer, entry);
    expect(undefinedNames(r)).toEqual([]);
    expect(r.extraction.requiredImports.map((i) => i.binds).flat()).toEqual(['os', 'P']);
  });

  test('validating the extracted code without them reports os and P as errors', () => {
    const names = undefinedNames(v.validate(extractCode(answer).code, entry)).map((i) => i.message.split('"')[1]);
    expect(names.sort()).toEqual(['P', 'os']);
  });
});
