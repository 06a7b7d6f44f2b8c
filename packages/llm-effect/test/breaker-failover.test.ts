import { afterEach, describe, expect, test } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { AllTargetsFailedError, type AttemptEvent } from '../src/index.js';
import type { BreakerEvent } from '../src/events/events.js';
import { useSimulator, attempts, simClient, TWO_TARGETS, type TestClient } from './helpers.js';

const h = useSimulator();
let t: TestClient;
afterEach(() => t.client.close());

const glm = () => h.sim.requests.filter((r) => r.model === 'glm-4.5').length;

describe('circuit breaker per provider+model', () => {
  test('opens after the threshold, skips without a request, half-opens after the cooldown, closes on success', async () => {
    t = simClient(h.sim, [TWO_TARGETS, { retry: { maxRetries: 0 }, breaker: { failureThreshold: 3, halfOpenAfterMs: 250 } }]);
    h.sim.setScenario({ script: [{ kind: 'error', status: 500, when: { model: 'glm-4.5' }, times: 3 }] });
    for (let i = 0; i < 3; i += 1) expect((await t.client.generate({ prompt: `p${i}`, cache: false })).model).toBe('gpt-4o-mini');
    expect(t.client.breakers().find((b) => b.model === 'glm-4.5')).toMatchObject({ state: 'open', openCount: 1 });

    // Open: glm-4.5 is skipped before any request is made.
    const res = await t.client.generate({ prompt: 'p3', cache: false });
    expect(res.model).toBe('gpt-4o-mini');
    expect(glm()).toBe(3);
    const skipped = attempts(t.events).at(-2) as AttemptEvent;
    expect(skipped).toMatchObject({ status: 'skipped', errorClass: 'circuit_open', model: 'glm-4.5' });

    // After the cooldown one probe goes through; it succeeds, so the circuit closes.
    await sleep(300);
    const probe = await t.client.generate({ prompt: 'p4', cache: false });
    expect(probe.model).toBe('glm-4.5');
    expect(glm()).toBe(4);
    expect(t.client.breakers().find((b) => b.model === 'glm-4.5')!.state).toBe('closed');
    const transitions = t.events.filter((e): e is BreakerEvent => e.type === 'breaker' && e.model === 'glm-4.5').map((e) => e.state);
    expect(transitions).toEqual(['open', 'half-open', 'closed']);
  });

  test('a failed half-open probe opens the circuit again', async () => {
    t = simClient(h.sim, [TWO_TARGETS, { retry: { maxRetries: 0 }, breaker: { failureThreshold: 2, halfOpenAfterMs: 150 } }]);
    h.sim.setScenario({ script: [{ kind: 'error', status: 503, when: { model: 'glm-4.5' }, times: 3 }] });
    await t.client.generate({ prompt: 'a', cache: false });
    await t.client.generate({ prompt: 'b', cache: false });
    await sleep(200);
    await t.client.generate({ prompt: 'c', cache: false });
    expect(t.client.breakers().find((b) => b.model === 'glm-4.5')).toMatchObject({ state: 'open', openCount: 2 });
  });

  test('content refusals do not open the breaker', async () => {
    t = simClient(h.sim, [TWO_TARGETS, { retry: { maxRetries: 0 }, breaker: { failureThreshold: 2 } }]);
    h.sim.setScenario({ script: [{ kind: 'ok', finishReason: 'content_filter', when: { model: 'glm-4.5' }, times: 3 }] });
    for (const p of ['a', 'b', 'c']) await t.client.generate({ prompt: p, cache: false });
    expect(t.client.breakers().find((b) => b.model === 'glm-4.5')!.state).toBe('closed');
  });
});

describe('failover and escalation', () => {
  const chains = {
    tiers: {
      cloud_fast: [{ provider: 'zai', model: 'glm-4.5' }, { provider: 'anthropic', model: 'claude-haiku-4-5' }],
      cloud_premium: [{ provider: 'gemini', model: 'gemini-2.5-pro' }],
    },
  };

  test('fails over along the chain in order, across providers', async () => {
    t = simClient(h.sim, [chains]);
    h.sim.setScenario({ script: [{ kind: 'zai', code: '1113' }] });
    const res = await t.client.generate({ prompt: 'x', cache: false });
    expect(res).toMatchObject({ provider: 'anthropic', model: 'claude-haiku-4-5', tier: 'cloud_fast' });
    expect(h.sim.requests.map((r) => r.provider)).toEqual(['zai', 'anthropic']);
  });

  test('escalates to the next tier when the chain is exhausted and escalation is on', async () => {
    t = simClient(h.sim, [chains, { escalate: true }]);
    h.sim.setScenario({ script: [{ kind: 'zai', code: '1113' }, { kind: 'error', status: 401, when: { provider: 'anthropic' } }] });
    const res = await t.client.generate({ prompt: 'x', cache: false });
    expect(res).toMatchObject({ provider: 'gemini', tier: 'cloud_premium' });
    const tiers = (attempts(t.events) as AttemptEvent[]).map((e) => `${e.tier}:${e.status}`);
    expect(tiers).toEqual(['cloud_fast:error', 'cloud_fast:error', 'cloud_premium:success']);
  });

  test('without escalation the call fails once its tier is exhausted', async () => {
    t = simClient(h.sim, [chains]);
    h.sim.setScenario({ script: [{ kind: 'zai', code: '1113' }, { kind: 'error', status: 401, when: { provider: 'anthropic' } }] });
    await expect(t.client.generate({ prompt: 'x', cache: false })).rejects.toBeInstanceOf(AllTargetsFailedError);
    expect(h.sim.requests.some((r) => r.provider === 'gemini')).toBe(false);
  });

  test('a model override is tried first, then the tier chain', async () => {
    t = simClient(h.sim, [chains]);
    h.sim.setScenario({ script: [{ kind: 'error', status: 404, when: { model: 'gpt-4o' } }] });
    const res = await t.client.generate({ prompt: 'x', model: 'gpt-4o', provider: 'openai', cache: false });
    expect(res.model).toBe('glm-4.5');
    expect(h.sim.requests.map((r) => r.model)).toEqual(['gpt-4o', 'glm-4.5']);
  });
});

describe('bulkhead per provider', () => {
  test('200 concurrent calls: never more than maxConcurrent in flight, all answered', async () => {
    t = simClient(h.sim, [{ providers: { zai: { maxConcurrent: 5 } } }]);
    // 100 ms per answer: long enough that all five slots are in flight together even on a loaded
    // machine (at 15 ms a busy event loop let one slot refill late and the peak read 4)
    h.sim.setScenario({ latencyMs: 100 });
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => t.client.generate({ prompt: `call ${i}`, cache: false })));
    expect(results).toHaveLength(200);
    expect(new Set(results.map((r) => r.correlationId)).size).toBe(200);
    expect(h.sim.requests).toHaveLength(200);
    expect(h.sim.concurrency().peak).toBe(5);
    expect(t.client.bulkheads().find((b) => b.provider === 'zai')).toMatchObject({ maxConcurrent: 5, available: 5, queued: 0 });
  });

  test('past the queue limit calls are refused as bulkhead_full and fail over', async () => {
    t = simClient(h.sim, [TWO_TARGETS, { providers: { zai: { maxConcurrent: 1, maxQueued: 1 } } }]);
    h.sim.setScenario({ latencyMs: 50 });
    const results = await Promise.all([0, 1, 2].map((i) => t.client.generate({ prompt: `q${i}`, cache: false })));
    expect(results.map((r) => r.model).sort()).toEqual(['glm-4.5', 'glm-4.5', 'gpt-4o-mini']);
    expect((attempts(t.events) as AttemptEvent[]).some((e) => e.errorClass === 'bulkhead_full')).toBe(true);
  });
});
