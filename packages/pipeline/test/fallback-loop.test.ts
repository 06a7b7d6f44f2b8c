// fallback-strategies' attempt loop with the real onex-v2 validator and context-builder's re-ask
// prompts, composed as the pipeline composes them. The LLM side is a list of scripted answers: the
// loop never talks to a provider, it only receives what the caller's attempt() returns.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { buildRetryPrompt, disposeSharedCounters, type RetryContext } from '@onexgen/context-builder';
import { fallbackImports, runFallbackLoop } from '@onexgen/fallback-strategies';
import type { AttemptRequest, FallbackLoopInput } from '@onexgen/fallback-strategies';
import { createValidator } from '@onexgen/response-validator';
import type { Validator } from '@onexgen/response-validator';

const GOOD = [
  'correlation_id = getattr(contract, "correlation_id", None) or uuid4()',
  'async with self.pool.acquire() as connection:',
  '    total = await connection.fetchval("SELECT count(*) FROM orders WHERE region = $1", contract.region)',
  'emit_log_event(LogLevel.INFO, "orders counted", {"correlation_id": str(correlation_id), "total": total})',
  'return {"total": total}',
].join('\n');
const WRONG_CODE = GOOD.replace('return {"total": total}', 'if total is None:\n    raise ModelOnexError(error_code=EnumCoreErrorCode.EXECUTION_ERROR, message="no total")\nreturn {"total": total}');
const INJECTION = GOOD.replace('"SELECT count(*) FROM orders WHERE region = $1", contract.region', 'f"SELECT count(*) FROM orders WHERE region = \'{contract.region}\'"');

let validator: Validator;
beforeAll(async () => {
  validator = await createValidator({ profile: 'onex-v2' });
});
afterAll(() => disposeSharedCounters());

const context: RetryContext = {
  sections: [
    { id: 'system', title: 'System', content: 'You write ONEX v2.0 method bodies.', tokens: 8 },
    { id: 'operation', title: 'Operation', content: 'Count the orders of a region.', tokens: 7 },
    { id: 'references', title: 'References', content: 'REFERENCE-NODE body', tokens: 4 },
  ],
};

function scripted(answers: string[]) {
  const requests: AttemptRequest[] = [];
  const input: FallbackLoopInput = {
    method: { name: 'execute_effect', isAsync: true, params: ['self', 'contract'] },
    nodeType: 'effect',
    retryPrompt: (plan) => buildRetryPrompt(context, plan),
    firstPrompt: { system: 'You write ONEX v2.0 method bodies.', user: 'Count the orders of a region.' },
    startTier: 'cloud_fast',
    partialSpec: { io: { kind: 'pool' } },
    attempt: async (request) => {
      requests.push(request);
      const code = answers[Math.min(requests.length - 1, answers.length - 1)]!;
      const validation = validator.validate(code, { fragment: true, nodeType: 'effect', methodName: 'execute_effect', fileImports: fallbackImports(), attempt: request.attempt });
      return { code, validation, tokens: 5000, costMicros: 2500 };
    },
  };
  return { input, requests };
}

describe('runFallbackLoop with the real validator', () => {
  test('the scripted good answer is clean for the validator (the baseline the others differ from)', () => {
    const result = validator.validate(GOOD, { fragment: true, nodeType: 'effect', methodName: 'execute_effect', fileImports: fallbackImports() });
    expect(result.issues.filter((i) => i.severity !== 'info')).toEqual([]);
  });

  test('a wrong error code is re-asked with the rule named, and the fix is accepted', async () => {
    const { input, requests } = scripted([WRONG_CODE, GOOD]);
    const outcome = await runFallbackLoop(input);
    expect(outcome.body).toBe(GOOD);
    expect(outcome.decision.action).toBe('accept');
    expect(requests.map((r) => [r.attempt, r.tier])).toEqual([[1, 'cloud_fast'], [2, 'cloud_fast']]);
    expect(requests[1]!.user).toContain('- api/unknown-enum-member (line 6');
    expect(requests[1]!.user).toContain('EXECUTION_ERROR');
    expect(requests[1]!.user).not.toContain('REFERENCE-NODE');
    expect(outcome.metrics).toMatchObject({ strategy: 'retry', attempts: 2, success: true, tokens: 10_000, costMicros: 5000 });
  });

  test('an injectable query is never accepted; attempt 3 escalates, then the partial body is written', async () => {
    const { input, requests } = scripted([INJECTION]);
    const outcome = await runFallbackLoop(input);
    expect(requests.map((r) => r.tier)).toEqual(['cloud_fast', 'cloud_fast', 'cloud_premium']);
    expect(requests[1]!.user).toMatch(/- security\/[\w-]+ \(line 3, column \d+\)/);
    expect(requests[1]!.user).toContain('never accepted');
    expect(outcome.decision.action).toBe('partial');
    expect(outcome.body).toContain('async with self.pool.acquire() as connection:');
    const check = validator.validate(outcome.body!, { fragment: true, nodeType: 'effect', methodName: 'execute_effect', fileImports: fallbackImports() });
    expect(check.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(outcome.metrics).toMatchObject({ strategy: 'partial', attempts: 3, success: false, tiers: ['cloud_fast', 'cloud_fast', 'cloud_premium'] });
  });

  test('the template end action writes the stub instead', async () => {
    const { input } = scripted([WRONG_CODE]);
    const outcome = await runFallbackLoop({ ...input, policy: { maxAttempts: 1, afterLastAttempt: 'template' } });
    expect(outcome.body).toContain('# IMPLEMENTATION REQUIRED: attempt 1 of 1 failed: api/unknown-enum-member@6; falling back to template');
  });

  test('a provider failure is not a validation failure: it propagates unchanged', async () => {
    const { input } = scripted([GOOD]);
    const down = new Error('connect ECONNREFUSED 127.0.0.1:1');
    await expect(runFallbackLoop({ ...input, attempt: async () => Promise.reject(down) })).rejects.toBe(down);
  });
});
