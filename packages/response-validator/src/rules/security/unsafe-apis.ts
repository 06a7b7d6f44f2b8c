// Python APIs that are unsafe by design: assert for validation, tempfile.mktemp.
import type { Rule } from '../rule.js';
import { calleeText, enclosingFunction, functionName } from '../tree/nodes.js';

export const assertUsed: Rule = {
  id: 'security/assert-used',
  category: 'security',
  severity: 'warning',
  summary: 'assert used for validation (removed under python -O)',
  bandit: 'B101',
  cwe: 'CWE-703',
  check(ctx) {
    for (const a of ctx.nodes('assert_statement')) {
      const fn = enclosingFunction(a);
      if (fn && functionName(fn).startsWith('test')) continue;
      ctx.report(a, 'assert is stripped under python -O, so this check disappears in production: raise ModelOnexError(error_code=EnumCoreErrorCode.VALIDATION_ERROR, ...) instead');
    }
  },
};

export const insecureTempFile: Rule = {
  id: 'security/insecure-temp-file',
  category: 'security',
  severity: 'error',
  summary: 'tempfile.mktemp (race between name and creation)',
  bandit: 'B306',
  cwe: 'CWE-377',
  check(ctx) {
    for (const call of ctx.nodes('call')) {
      const callee = ctx.qualify(calleeText(call));
      if (callee === 'tempfile.mktemp' || callee === 'os.tempnam' || callee === 'os.tmpnam') {
        ctx.report(call, `${callee}() returns a name another process can take first: use tempfile.NamedTemporaryFile() or tempfile.mkstemp()`);
      }
    }
  },
};
