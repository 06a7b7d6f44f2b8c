import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import type { Outcome } from '@onexgen/llm-sim';
import { AllTargetsFailedError, type AttemptEvent } from '../src/index.js';
import { useSimulator, attempts, gaps, simClient, TWO_TARGETS, type TestClient } from './helpers.js';

const h = useSimulator();
let t: TestClient;
beforeEach(() => {
  t = simClient(h.sim, [TWO_TARGETS]);
});
afterEach(() => t.client.close());

const onGlm = (o: Outcome): Outcome => ({ ...o, when: { model: 'glm-4.5' } });
const ask = () => t.client.generate({ prompt: 'hello', cache: false });
const glmRequests = () => h.sim.requests.filter((r) => r.model === 'glm-4.5').length;

describe('retried on the same target', () => {
  test.each<[string, Outcome, string]>([
    ['HTTP 500', { kind: 'error', status: 500 }, 'server_error'],
    ['HTTP 503', { kind: 'error', status: 503 }, 'server_error'],
    ['HTTP 408', { kind: 'error', status: 408 }, 'conflict'],
    ['HTTP 409', { kind: 'error', status: 409 }, 'conflict'],
    ['HTTP 429', { kind: 'error', status: 429 }, 'rate_limited'],
    ['Z.ai 1302 (concurrency)', { kind: 'zai', code: '1302' }, 'rate_limited'],
    ['Z.ai 1303 (frequency)', { kind: 'zai', code: '1303' }, 'rate_limited'],
    ['connection reset', { kind: 'reset' }, 'network'],
    ['malformed JSON', { kind: 'malformed' }, 'invalid_response'],
    ['body cut mid-way', { kind: 'cut' }, 'network'],
  ])('%s → retry succeeds on glm-4.5', async (_name, outcome, cls) => {
    h.sim.setScenario({ script: [onGlm(outcome)] });
    const res = await ask();
    expect(res.model).toBe('glm-4.5');
    expect(res.attempts).toBe(2);
    expect(glmRequests()).toBe(2);
    const events = attempts(t.events) as AttemptEvent[];
    expect(events.map((e) => e.status)).toEqual(['error', 'success']);
    expect(events[0]!.errorClass).toBe(cls);
    expect(events[0]!.attributes['error.type']).toBe(cls);
  });

  test('timeout is retried', async () => {
    t.client.close();
    t = simClient(h.sim, [TWO_TARGETS, { timeouts: { requestMs: 100 } }]);
    h.sim.setScenario({ script: [onGlm({ kind: 'ok', latencyMs: 400 })] });
    const res = await ask();
    expect(res.model).toBe('glm-4.5');
    expect((attempts(t.events)[0] as AttemptEvent).errorClass).toBe('timeout');
  });

  test('gives up after maxRetries and fails over', async () => {
    h.sim.setScenario({ script: [onGlm({ kind: 'error', status: 500, times: 10 })] });
    const res = await ask();
    expect(glmRequests()).toBe(4); // 1 + maxRetries (3)
    expect(res.model).toBe('gpt-4o-mini');
    expect(res.attempts).toBe(5);
  });
});

describe('not retried: fail over at once', () => {
  test.each<[string, Outcome, string]>([
    ['Z.ai 1113 (balance)', { kind: 'zai', code: '1113' }, 'quota_exhausted'],
    ['Z.ai 1112 (locked)', { kind: 'zai', code: '1112' }, 'account_locked'],
    ['Z.ai 1121 (locked)', { kind: 'zai', code: '1121' }, 'account_locked'],
    ['OpenAI insufficient_quota', { kind: 'error', status: 429, errorType: 'insufficient_quota', code: 'insufficient_quota' }, 'quota_exhausted'],
    ['401', { kind: 'error', status: 401 }, 'auth'],
    ['403', { kind: 'error', status: 403 }, 'auth'],
    ['404', { kind: 'error', status: 404 }, 'not_found'],
    ['400 content policy', { kind: 'error', status: 400, code: 'content_policy_violation', message: 'blocked by content policy' }, 'content_policy'],
    ['refusal (finish_reason content_filter)', { kind: 'ok', finishReason: 'content_filter', text: '' }, 'content_policy'],
  ])('%s', async (_name, outcome, cls) => {
    h.sim.setScenario({ script: [onGlm(outcome)] });
    const res = await ask();
    expect(glmRequests()).toBe(1);
    expect(res.model).toBe('gpt-4o-mini');
    const first = attempts(t.events)[0] as AttemptEvent;
    expect(first).toMatchObject({ status: 'error', errorClass: cls, model: 'glm-4.5' });
  });

  test('all targets failing gives AllTargetsFailedError listing each', async () => {
    h.sim.setScenario({ script: [{ kind: 'zai', code: '1113' }, { kind: 'error', status: 401 }] });
    const error = await ask().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AllTargetsFailedError);
    expect((error as AllTargetsFailedError).failures.map((f) => f.errorClass)).toEqual(['quota_exhausted', 'auth']);
    expect((error as AllTargetsFailedError).code).toBe('LLM_ALL_TARGETS_FAILED');
  });
});

describe('server-requested waits', () => {
  test('Retry-After (seconds) is honoured: measured gap ≥ the header', async () => {
    h.sim.setScenario({ script: [onGlm({ kind: 'error', status: 429, headers: { 'retry-after': '0.3' } })] });
    await ask();
    expect(gaps(h.sim)[0]).toBeGreaterThanOrEqual(295);
    expect(gaps(h.sim)[0]).toBeLessThan(1000);
  });

  test('retry-after-ms is honoured', async () => {
    h.sim.setScenario({ script: [onGlm({ kind: 'error', status: 503, headers: { 'retry-after-ms': '250' } })] });
    await ask();
    expect(gaps(h.sim)[0]).toBeGreaterThanOrEqual(245);
  });

  test('Gemini RetryInfo.retryDelay in the body is honoured', async () => {
    t.client.close();
    t = simClient(h.sim, [{ tiers: { cloud_fast: [{ provider: 'gemini', model: 'gemini-2.5-flash' }] } }]);
    h.sim.setScenario({ script: [{ kind: 'error', status: 429, retryDelay: '0.3s' }] });
    const res = await ask();
    expect(res.provider).toBe('gemini');
    expect(gaps(h.sim)[0]).toBeGreaterThanOrEqual(295);
  });

  test('a wait longer than maxRetryAfterMs is not waited for: fail over instead', async () => {
    h.sim.setScenario({ script: [onGlm({ kind: 'error', status: 429, headers: { 'retry-after': '30' } })] });
    const started = performance.now();
    const res = await ask();
    expect(res.model).toBe('gpt-4o-mini');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  test('total retry budget: no retry starts that would end past it', async () => {
    t.client.close();
    t = simClient(h.sim, [TWO_TARGETS, { retry: { maxRetries: 10, totalBudgetMs: 1_000 } }]);
    await ask(); // warm connection: the budget counts from the call's start
    h.sim.reset();
    h.sim.setScenario({ script: [onGlm({ kind: 'error', status: 503, headers: { 'retry-after': '0.3' }, times: 20 })] });
    const started = performance.timeOrigin + performance.now();
    const res = await ask();
    expect(res.model).toBe('gpt-4o-mini');
    // maxRetries would allow 11 requests 300 ms apart; the 1 s budget allows at most 0, 300, 600, 900.
    const glm = h.sim.requests.filter((r) => r.model === 'glm-4.5');
    expect(glm.length).toBeGreaterThanOrEqual(2);
    expect(glm.length).toBeLessThanOrEqual(4);
    expect(glm.at(-1)!.receivedAt - started).toBeLessThanOrEqual(1_050); // + the request's own transit
  });

  test('backoff is capped by maxDelayMs (full jitter below the cap)', async () => {
    t.client.close();
    t = simClient(h.sim, [TWO_TARGETS, { retry: { maxRetries: 3, baseDelayMs: 5_000, maxDelayMs: 60 } }]);
    h.sim.setScenario({ script: [onGlm({ kind: 'error', status: 500, times: 3 })] });
    const res = await ask();
    expect(res.model).toBe('glm-4.5');
    for (const gap of gaps(h.sim)) expect(gap).toBeLessThan(500); // uncapped, the first wait alone would be up to 5 s
  });
});

describe('beforeAttempt (write-ahead)', () => {
  test('is awaited before each request, retries included, with the numbers the attempt events carry', async () => {
    t.client.close();
    const seen: { attempt: number; model: string; simRequestsBefore: number }[] = [];
    t = simClient(h.sim, [TWO_TARGETS], {
      beforeAttempt: async (a) => {
        await new Promise((r) => setTimeout(r, 5)); // awaited: the request waits for the record
        seen.push({ attempt: a.attempt, model: a.model, simRequestsBefore: h.sim.requests.length });
      },
    });
    h.sim.setScenario({ script: [onGlm({ kind: 'error', status: 500 })] });
    const before = h.sim.requests.length;
    await ask();
    const events = attempts(t.events) as AttemptEvent[];
    expect(seen.map((s) => s.attempt)).toEqual(events.map((e) => e.attempt));
    expect(seen.map((s) => s.simRequestsBefore - before)).toEqual([0, 1]);
    expect(h.sim.requests.length - before).toBe(seen.length);
  });

  test('a rejected beforeAttempt sends nothing', async () => {
    t.client.close();
    t = simClient(h.sim, [TWO_TARGETS, { retry: { maxRetries: 0 } }], {
      beforeAttempt: async () => {
        throw new Error('ledger unavailable');
      },
    });
    const before = h.sim.requests.length;
    await expect(ask()).rejects.toThrow();
    expect(h.sim.requests.length).toBe(before);
  });
});
