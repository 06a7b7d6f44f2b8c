import { describe, expect, test } from '@jest/globals';
import { createFallbackRecorder, decide, fallbackMetricsSchema } from '../src/index.js';
import type { AttemptInput } from '../src/index.js';
import { issue, validation } from './fixtures.js';

/** Drives decide() and the recorder the way the orchestrator's loop does. */
function run(outcomes: Array<ReturnType<typeof validation>>, perAttempt = { tokens: 5000, costMicros: 3000 }) {
  let clock = 1000;
  const recorder = createFallbackRecorder({ method: 'execute_effect', nodeType: 'effect', correlationId: 'c-1' }, () => clock);
  let tier = 'local';
  for (const [index, result] of outcomes.entries()) {
    clock += 250;
    const spent = recorder.spent();
    const attempt: AttemptInput = { number: index + 1, tier, tokensSpent: spent.tokensSpent + perAttempt.tokens, costMicros: spent.costMicros + perAttempt.costMicros };
    const decision = decide(result, attempt, { escalation: { fromAttempt: 2 } });
    recorder.recordAttempt({ tier, ...perAttempt, durationMs: 250, score: result.score, decision });
    if (!decision.next) break;
    tier = decision.next.tier;
  }
  clock += 999; // time after the end does not count
  return recorder.toJSON();
}

const bad = validation([issue('syntax/invalid', 'syntax', 3)]);
const good = validation([]);

describe('FallbackMetrics', () => {
  test('an accepted first attempt', () => {
    const metrics = run([good]);
    expect(metrics).toMatchObject({ strategy: 'accept', attempts: 1, success: true, reasons: [], tokens: 5000, costMicros: 3000, durationMs: 250, finalScore: 0.9 });
  });

  test('success after an escalation keeps every attempt, reason, tier and the totals', () => {
    const metrics = run([bad, good]);
    expect(metrics.strategy).toBe('escalate');
    expect(metrics.tiers).toEqual(['local', 'cloud_fast']);
    expect(metrics.reasons).toEqual([expect.stringContaining('syntax/invalid@3')]);
    expect(metrics).toMatchObject({ attempts: 2, success: true, tokens: 10_000, costMicros: 6000, durationMs: 500 });
    expect(metrics.attemptLog.map((a) => a.action)).toEqual(['escalate', 'accept']);
  });

  test('three failures end in the partial strategy, unsuccessful, and serialise through JSON intact', () => {
    const metrics = run([bad, bad, bad]);
    expect(metrics).toMatchObject({ strategy: 'partial', attempts: 3, success: false });
    expect(metrics.reasons).toHaveLength(3);
    const roundTrip: unknown = JSON.parse(JSON.stringify(metrics));
    expect(fallbackMetricsSchema.parse(roundTrip)).toEqual(metrics);
  });

  test('a method still in the loop reports unfinished', () => {
    const recorder = createFallbackRecorder({ method: 'm' });
    recorder.recordAttempt({ tier: 'local', tokens: 1, costMicros: 0, decision: decide(bad, { number: 1, tier: 'local' }) });
    expect(recorder.toJSON()).toMatchObject({ strategy: 'unfinished', success: false });
  });

  test('bad attempt figures are refused naming the field', () => {
    const recorder = createFallbackRecorder({ method: 'm' });
    expect(() => recorder.recordAttempt({ tier: 'local', tokens: -5, costMicros: 0, decision: decide(good, { number: 1, tier: 'local' }) })).toThrow(/attempt outcome\.tokens/);
  });
});
