import { describe, expect, test } from '@jest/globals';
import { decide, defaultPolicy, FallbackError } from '../src/index.js';
import type { FallbackPolicyInput } from '../src/index.js';
import { issue, validation } from './fixtures.js';

const first = { number: 1, tier: 'local', tokensSpent: 4000, costMicros: 0 };

describe('decide: accept', () => {
  test('a passed validation without security findings is accepted with no failing rules', () => {
    const decision = decide(validation([issue('quality/long-function', 'quality', 3, 'warning')]), first);
    expect(decision.action).toBe('accept');
    expect(decision.failingRules).toEqual([]);
    expect(decision.next).toBeUndefined();
  });
});

describe('decide: retry and escalate', () => {
  test('a syntax failure on attempt 1 is retried on the same tier as attempt 2', () => {
    const decision = decide(validation([issue('syntax/invalid', 'syntax', 4)]), first);
    expect(decision).toMatchObject({ action: 'retry', next: { number: 2, tier: 'local' } });
    expect(decision.failingRules.map((r) => r.ruleId)).toEqual(['syntax/invalid']);
    expect(decision.reason).toContain('syntax/invalid@4');
  });

  test('a compliance failure on attempt 2 escalates to the next tier (default: from attempt 3)', () => {
    const decision = decide(validation([issue('onex/unknown-error-code', 'compliance', 7)]), { number: 2, tier: 'cloud_fast', tokensSpent: 8000, costMicros: 2000 });
    expect(decision).toMatchObject({ action: 'escalate', next: { number: 3, tier: 'cloud_premium' } });
    expect(decision.reason).toContain('cloud_fast -> cloud_premium');
  });

  test('escalation can start earlier, and is skipped when not allowed, at the top tier or off the ladder', () => {
    const failing = validation([issue('syntax/invalid', 'syntax', 1)]);
    expect(decide(failing, first, { escalation: { fromAttempt: 2 } })).toMatchObject({ action: 'escalate', next: { tier: 'cloud_fast' } });
    expect(decide(failing, { ...first, number: 2 }, { escalation: { allowed: false } })).toMatchObject({ action: 'retry', next: { tier: 'local' } });
    expect(decide(failing, { ...first, number: 2, tier: 'cloud_premium' })).toMatchObject({ action: 'retry', next: { tier: 'cloud_premium' } });
    expect(decide(failing, { ...first, number: 2, tier: 'my-gpu' })).toMatchObject({ action: 'retry', next: { tier: 'my-gpu' } });
  });

  test('failures in categories outside retryableCategories end at once with the configured action', () => {
    const qualityOnly = validation([issue('quality/complexity', 'quality', 2), issue('pattern/no-pool', 'pattern', 3)]);
    const strict: FallbackPolicyInput = { retryableCategories: ['syntax', 'compliance'], afterLastAttempt: 'template' };
    const decision = decide(qualityOnly, first, strict);
    expect(decision.action).toBe('template');
    expect(decision.reason).toMatch(/^not retryable \(quality, pattern only\): quality\/complexity@2, pattern\/no-pool@3; falling back to template$/);
    expect(decide(qualityOnly, first).action).toBe('retry'); // every category is retryable by default
    // one retryable rule among them is enough to try again
    expect(decide(validation([issue('quality/complexity', 'quality', 2), issue('syntax/x', 'syntax', 1)]), first, strict).action).toBe('retry');
  });

  test('a rejection by score alone (no error) reports the warnings as the failing rules', () => {
    const decision = decide(validation([issue('pattern/missing-pool', 'pattern', 1, 'warning'), issue('onex/missing-log', 'compliance', 2, 'warning')], false), first);
    expect(decision.action).toBe('retry');
    expect(decision.failingRules.map((r) => r.ruleId)).toEqual(['onex/missing-log', 'pattern/missing-pool']);
  });

  test('a rejection with no issue at all is not retryable', () => {
    expect(decide(validation([], false), first)).toMatchObject({ action: 'partial', failingRules: [] });
  });
});

describe('decide: the end of the road', () => {
  test('after the last attempt the configured end action is returned', () => {
    const failing = validation([issue('syntax/invalid', 'syntax', 2)]);
    const last = { number: 3, tier: 'cloud_premium', tokensSpent: 12000, costMicros: 9000 };
    expect(decide(failing, last)).toMatchObject({ action: 'partial' });
    expect(decide(failing, last).reason).toMatch(/^attempt 3 of 3 failed: syntax\/invalid@2; falling back to partial$/);
    expect(decide(failing, last, { afterLastAttempt: 'template' }).action).toBe('template');
    expect(decide(failing, { ...first }, { maxAttempts: 1 }).action).toBe('partial');
  });

  test('the token budget runs out mid-way: attempt 2 is the last one that fits', () => {
    const policy: FallbackPolicyInput = { budget: { maxTokens: 25_000 } };
    const failing = validation([issue('syntax/invalid', 'syntax', 2)]);
    // 9,000 tokens an attempt: after 1 → 18,000 projected fits; after 2 → 27,000 projected does not.
    expect(decide(failing, { number: 1, tier: 'local', tokensSpent: 9000 }, policy).action).toBe('retry');
    const second = decide(failing, { number: 2, tier: 'local', tokensSpent: 18_000 }, policy);
    expect(second.action).toBe('partial');
    expect(second.reason).toContain('budget exhausted after attempt 2 (tokens: 18000 spent + ~9000 next > 25000)');
  });

  test('the dollar budget counts too, and a caller estimate for a dearer tier is honoured', () => {
    const failing = validation([issue('onex/no-log', 'compliance', 2)]);
    const spent = { number: 1, tier: 'cloud_fast', tokensSpent: 3000, costMicros: 40_000 };
    expect(decide(failing, spent).action).toBe('retry'); // 80,000 projected ≤ 100,000
    const dear = decide(failing, { ...spent, nextEstimate: { tokens: 3000, costMicros: 70_000 } });
    expect(dear.action).toBe('partial');
    expect(dear.reason).toContain('cost: $0.0400 spent + ~$0.0700 next > $0.1000');
  });
});

describe('decide: security findings', () => {
  const leak = issue('security/hardcoded-secret', 'security', 3, 'warning', 'api_key assigned the literal "sk-live-123456789"');

  test('a security finding is never accepted, even when the validator says passed', () => {
    const decision = decide(validation([leak], true), first);
    expect(decision.action).toBe('retry');
    expect(decision.securityFinding).toBe(true);
    expect(decision.reason).toContain('security finding security/hardcoded-secret@3 must be removed');
  });

  test('across attempts, policies and tiers the answer is never accept', () => {
    const policies: FallbackPolicyInput[] = [defaultPolicy, { retryableCategories: [] }, { maxAttempts: 1 }, { afterLastAttempt: 'template' }, { budget: { maxTokens: 1 } }];
    for (const policy of policies) {
      for (let number = 1; number <= 4; number += 1) {
        const decision = decide(validation([leak, issue('quality/x', 'quality', 1, 'info')], true), { number, tier: 'cloud_fast', tokensSpent: 100 * number }, policy);
        expect(decision.action).not.toBe('accept');
        expect(decision.failingRules[0]?.ruleId).toBe('security/hardcoded-secret');
      }
    }
  });

  test('security is retried even when the policy lists no retryable category', () => {
    expect(decide(validation([leak], true), first, { retryableCategories: [] }).action).toBe('retry');
  });

  test('an info-level security note does not block under the default threshold, but can', () => {
    const note = issue('security/random-for-token', 'security', 1, 'info');
    expect(decide(validation([note], true), first).action).toBe('accept');
    expect(decide(validation([note], true), first, { securityBlockingSeverity: 'info' }).action).toBe('retry');
  });

  test('reasons name rule ids and lines, never the message text (it can quote a secret)', () => {
    const decision = decide(validation([leak], true), { number: 3, tier: 'local' });
    expect(decision.reason).not.toContain('sk-live');
    expect(decision.failingRules[0]?.message).toContain('sk-live'); // the caller still has the full issue
  });

  test('failing rules come security first, then syntax, compliance, and by line', () => {
    const decision = decide(validation([issue('onex/a', 'compliance', 1), issue('syntax/b', 'syntax', 9), leak, issue('syntax/c', 'syntax', 2)]), first);
    expect(decision.failingRules.map((r) => r.ruleId)).toEqual(['security/hardcoded-secret', 'syntax/c', 'syntax/b', 'onex/a']);
  });
});

describe('decide: bad input', () => {
  test('a bad policy or attempt fails with a typed error naming the field', () => {
    const ok = validation([]);
    expect(() => decide(ok, first, { maxAttempts: 0 })).toThrow(FallbackError);
    expect(() => decide(ok, first, { maxAttempts: 0 })).toThrow(/policy\.maxAttempts/);
    expect(() => decide(ok, first, { budget: { maxTokens: -1 } } as FallbackPolicyInput)).toThrow(/policy\.budget\.maxTokens/);
    expect(() => decide(ok, { number: 0, tier: 'local' })).toThrow(/attempt\.number/);
    expect(() => decide({ ...ok, issues: [{ ruleId: 'x' }] } as never, first)).toThrow(/validation\.issues\.0\.category/);
    expect(() => decide(ok, first, { retries: 3 } as never)).toThrow(/policy: Unrecognized key/);
  });
});
