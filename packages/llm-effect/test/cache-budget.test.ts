import { afterEach, describe, expect, test } from '@jest/globals';
import { BudgetExceededError, ContextWindowExceededError, DEFAULT_METHOD_BUDGET, methodBudget, MemoryBudgetStore, MemoryResponseCache } from '../src/index.js';
import type { BudgetAlertEvent } from '../src/events/events.js';
import type { CacheEntryMeta } from '../src/cache/cache-store.js';
import { useSimulator, attempts, simClient, TWO_TARGETS, type TestClient } from './helpers.js';

const h = useSimulator();
let t: TestClient;
afterEach(() => t.client.close());

describe('response cache', () => {
  test('an identical request is a free hit that says so; no request reaches the provider', async () => {
    t = simClient(h.sim);
    const first = await t.client.generate({ prompt: 'def f():', systemPrompt: 'sys' });
    const second = await t.client.generate({ prompt: 'def f():\r\n', systemPrompt: 'sys  ' });
    expect(first.cacheHit).toBe(false);
    expect(first.costMicros).toBeGreaterThan(0);
    expect(second).toMatchObject({ cacheHit: true, costMicros: 0, costUsd: 0, attempts: 0, text: first.text });
    expect(second.correlationId).not.toBe(first.correlationId);
    expect(h.sim.requests).toHaveLength(1);
    expect(t.events.filter((e) => e.type === 'cache_hit')).toHaveLength(1);
  });

  test('opt-out per request, and different parameters miss', async () => {
    t = simClient(h.sim);
    await t.client.generate({ prompt: 'p' });
    await t.client.generate({ prompt: 'p', cache: false });
    await t.client.generate({ prompt: 'p', temperature: 0.7 });
    await t.client.generate({ prompt: 'p', maxOutputTokens: 100 });
    expect(h.sim.requests).toHaveLength(4);
  });

  test('a stream can be answered from the cache', async () => {
    t = simClient(h.sim);
    await t.client.generate({ prompt: 'streamed' });
    const s = t.client.stream({ prompt: 'streamed' });
    let text = '';
    for await (const c of s) text += c.text;
    expect((await s.response).cacheHit).toBe(true);
    expect(text).toBe((await s.response).text);
    expect(h.sim.requests).toHaveLength(1);
  });

  test("a write carries the request's own correlation id, and none when the client made one up", async () => {
    const metas: (CacheEntryMeta | undefined)[] = [];
    const store = new MemoryResponseCache();
    const cacheStore = { get: (k: string) => store.get(k), delete: (k: string) => store.delete(k), set: (k: string, v: string, ttl: number, meta?: CacheEntryMeta) => (metas.push(meta), store.set(k, v, ttl)) };
    t = simClient(h.sim, [], { cacheStore });
    await t.client.generate({ prompt: 'mine', correlationId: 'generation-1' });
    await t.client.generate({ prompt: 'anonymous' });
    expect(metas).toEqual([{ correlationId: 'generation-1' }, {}]);
  });

  test('truncated answers are not cached', async () => {
    t = simClient(h.sim);
    h.sim.setScenario({ text: 'one two three four five six seven' });
    const first = await t.client.generate({ prompt: 'p', maxOutputTokens: 2 });
    expect(first).toMatchObject({ text: 'one two', finishReason: 'length', truncated: true });
    await t.client.generate({ prompt: 'p', maxOutputTokens: 2 });
    expect(h.sim.requests).toHaveLength(2);
  });
});

describe('budgets', () => {
  // Every answer is billed as 1,000 input + 1,000 output tokens of glm-4.5:
  // 1000 × $0.60/M + 1000 × $2.20/M = 2,800 micro-dollars.
  const fixedUsage = { responder: () => ({ text: 'ok', usage: { inputTokens: 1000, outputTokens: 1000 } }) };

  test('seven alert levels, each once, then a hard stop that sends nothing', async () => {
    const store = new MemoryBudgetStore();
    t = simClient(h.sim, [{ budgets: [{ scope: 'run', limitUsd: 0.01 }], runId: 'r1' }], { budgetStore: store });
    h.sim.setScenario(fixedUsage);
    const costs: number[] = [];
    for (let i = 0; i < 4; i += 1) costs.push((await t.client.generate({ prompt: `p${i}`, cache: false })).costMicros);
    expect(costs).toEqual([2800, 2800, 2800, 2800]);
    const alerts = t.events.filter((e): e is BudgetAlertEvent => e.type === 'budget_alert');
    // 2,800 (28 %) · 5,600 (56 %: 50) · 8,400 (84 %: 75) · 11,200 (112 %: 85 90 95 100 over)
    expect(alerts.map((a) => a.level)).toEqual(['50', '75', '85', '90', '95', '100', 'over']);
    expect(alerts.every((a) => a.scopeKey === 'run:r1' && a.limitMicros === 10_000)).toBe(true);
    expect(await store.getSpent('run:r1')).toBe(11_200);

    const error = await t.client.generate({ prompt: 'p5', cache: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BudgetExceededError);
    expect((error as BudgetExceededError).message).toMatch(/run budget \(run:r1\) is spent/);
    expect(h.sim.requests).toHaveLength(4);
  });

  test('scopes are kept apart (run, project, day, month) and soft budgets alert without stopping', async () => {
    const store = new MemoryBudgetStore();
    t = simClient(h.sim, [{
      budgets: [{ scope: 'project', limitUsd: 0.004, hardStop: false }, { scope: 'day', limitUsd: 100 }, { scope: 'month', limitUsd: 100 }],
      projectId: 'proj',
    }], { budgetStore: store });
    h.sim.setScenario(fixedUsage);
    await t.client.generate({ prompt: 'a', cache: false });
    await t.client.generate({ prompt: 'b', cache: false });
    const day = new Date().toISOString().slice(0, 10);
    expect(await store.getSpent('project:proj')).toBe(5600);
    expect(await store.getSpent(`day:proj:${day}`)).toBe(5600);
    expect(await store.getSpent(`month:proj:${day.slice(0, 7)}`)).toBe(5600);
    const levels = t.events.filter((e): e is BudgetAlertEvent => e.type === 'budget_alert').map((a) => a.level);
    expect(levels).toEqual(['50', '75', '85', '90', '95', '100', 'over']);
  });

  test('cache hits cost nothing against the budget', async () => {
    const store = new MemoryBudgetStore();
    t = simClient(h.sim, [{ budgets: [{ scope: 'run', limitUsd: 1 }], runId: 'r2' }], { budgetStore: store });
    h.sim.setScenario(fixedUsage);
    await t.client.generate({ prompt: 'same' });
    await t.client.generate({ prompt: 'same' });
    expect(await store.getSpent('run:r2')).toBe(2800);
  });
});

describe('budget views and token limits', () => {
  test("a run's token limit stops calls like its money limit, and the run view says what is left", async () => {
    const store = new MemoryBudgetStore();
    t = simClient(h.sim, [{ budgets: [{ scope: 'run', limitUsd: 1, limitTokens: 500 }], runId: 'r3' }], { budgetStore: store });
    // 100 + 100 tokens of glm-4.5 an answer: 280 micro-dollars
    h.sim.setScenario({ responder: () => ({ text: 'ok', usage: { inputTokens: 100, outputTokens: 100 } }) });
    await t.client.generate({ prompt: 'one', cache: false });
    const [run] = await t.client.budgets('run');
    expect(run).toMatchObject({ scope: 'run', scopeKey: 'run:r3', spentMicros: 280, limitMicros: 1_000_000, remainingMicros: 999_720, spentTokens: 200, limitTokens: 500, remainingTokens: 300, spent: false });
    // enough calls to pass 500 tokens, then the next one is refused before any request
    const sent = h.sim.requests.length;
    let error: unknown;
    for (let i = 0; i < 20 && !error; i += 1) error = await t.client.generate({ prompt: `call ${i}`, cache: false }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(BudgetExceededError);
    expect(error).toMatchObject({ unit: 'tokens', limit: 500, spentMicros: 0 });
    expect((error as Error).message).toMatch(/run budget \(run:r3\) is spent: \d+ of 500 tokens/);
    const [after] = await t.client.budgets('run');
    expect(after).toMatchObject({ remainingTokens: 0, spent: true });
    expect(h.sim.requests.length - sent).toBe(2); // 400, then 600 tokens: the third is refused
  });

  test("a method's budget: a spec's limits over the defaults, dollars in once as micro-dollars", () => {
    expect(methodBudget()).toEqual(DEFAULT_METHOD_BUDGET);
    expect(methodBudget({ maxTokens: 9000, maxCostUsd: 0.05 })).toEqual({ maxTokens: 9000, maxCostMicros: 50_000 });
  });

  test('a scope needs a money or a token limit', () => {
    expect(() => simClient(h.sim, [{ budgets: [{ scope: 'run' }] }])).toThrow(/budgets\.0\.limitUsd/);
  });
});

describe('context window', () => {
  const tiny = {
    catalog: { 'tiny-model': { provider: 'openai', contextWindow: 1_000, maxOutput: 500, prices: { input: 1, output: 1 } } },
  };

  test('prompt + max output over the window is refused before sending, with a clear error', async () => {
    t = simClient(h.sim, [tiny, { tiers: { cloud_fast: [{ provider: 'openai', model: 'tiny-model' }] } }]);
    const prompt = 'word '.repeat(800); // 801 tokens (the trailing space is one) + 6 of chat framing
    const error = await t.client.generate({ prompt, maxOutputTokens: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContextWindowExceededError);
    expect((error as ContextWindowExceededError).inputTokens).toBe(807);
    expect((error as Error).message).toBe(
      "prompt (807 tokens) + max output (300) exceeds tiny-model's context window of 1000 tokens; shorten the prompt or lower maxOutputTokens",
    );
    expect(h.sim.requests).toHaveLength(0);
    expect(attempts(t.events)[0]).toMatchObject({ status: 'refused', errorClass: 'context_window' });
  });

  test('a prompt whose bytes exceed the window but whose tokens fit is sent (counted, not estimated)', async () => {
    t = simClient(h.sim, [tiny, { tiers: { cloud_fast: [{ provider: 'openai', model: 'tiny-model' }] } }]);
    const res = await t.client.generate({ prompt: 'word '.repeat(150), maxOutputTokens: 300 }); // 750 bytes, 151 tokens
    expect(res.model).toBe('tiny-model');
  });

  test('a refused target fails over to one with a larger window; max output is clamped to the model limit', async () => {
    t = simClient(h.sim, [tiny, { tiers: { cloud_fast: [{ provider: 'openai', model: 'tiny-model' }, ...TWO_TARGETS.tiers!.cloud_fast!] } }]);
    const res = await t.client.generate({ prompt: 'word '.repeat(800), maxOutputTokens: 300 });
    expect(res.model).toBe('glm-4.5');
    const small = await t.client.generate({ prompt: 'short', maxOutputTokens: 900, model: 'tiny-model', provider: 'openai' });
    expect(small.model).toBe('tiny-model');
    // OpenAI gets max_completion_tokens (its reasoning models refuse max_tokens); Z.ai keeps max_tokens.
    expect((h.sim.requests.at(-1)!.body as { max_completion_tokens: number }).max_completion_tokens).toBe(500);
    expect((h.sim.requests.find((r) => r.model === 'glm-4.5')!.body as { max_tokens: number }).max_tokens).toBe(300);
  });
});
