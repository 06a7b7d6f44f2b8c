// Aggregates over seed-data.ts, checked against values worked out by hand. Registered by both the
// PGlite unit test and the real-PostgreSQL integration test, so both engines must agree.
import { expect, test } from '@jest/globals';
import type { MetricsStore } from '../../src/index.js';
import { ATTEMPTS, CONTEXT_BUILDS, FALLBACKS, GENERATIONS, WINDOW } from './seed-data.js';

export async function seed(store: MetricsStore): Promise<void> {
  await store.record('generation', GENERATIONS);
  await store.record('attempt', ATTEMPTS);
  await store.record('fallback', FALLBACKS);
  await store.record('contextBuild', CONTEXT_BUILDS);
}

export function aggregateContract(getStore: () => MetricsStore): void {
  test('totals, tokens, cost and rates over the window', async () => {
    const a = await getStore().aggregate(WINDOW);
    const g = a.generations;
    expect(g.count).toBe(5); // g6 lies outside the window
    expect(g.tokens).toEqual({ input: 5800, output: 1160, total: 6960 }); // 1000+2000+1500+500+800, 200+400+300+100+160
    expect(g.costMicroUsd).toBe(17500); // 1500+3000+9000+4000+0
    expect(g.rates.syntaxValid).toBeCloseTo(0.8, 10); // 4 of 5
    expect(g.rates.onexCompliant).toBeCloseTo(0.6, 10);
    expect(g.rates.validationPassed).toBeCloseTo(0.6, 10);
    expect(g.rates.fallback).toBeCloseTo(0.4, 10); // retry + template_fallback
    expect(g.qualityScoreMean).toBeCloseTo(0.68, 10); // (0.9+0.5+0.8+0.2+1)/5
    expect(g.attemptsMean).toBeCloseTo(1.4, 10);
  });

  test('latency percentiles are percentile_cont (linear interpolation)', async () => {
    const { latencyMs } = (await getStore().aggregate(WINDOW)).generations;
    // sorted [100, 200, 300, 400, 1000]; position p*(n-1)
    expect(latencyMs.p50).toBeCloseTo(300, 10); // 0.5*4 = 2 → 300
    expect(latencyMs.p95).toBeCloseTo(880, 10); // 3.8 → 400 + 0.8*600
    expect(latencyMs.p99).toBeCloseTo(976, 10); // 3.96 → 400 + 0.96*600
    expect(latencyMs.mean).toBeCloseTo(400, 10);
    expect(latencyMs.max).toBe(1000);
  });

  test('attempts: statuses, cache hits, tokens and time to first token', async () => {
    const { attempts } = await getStore().aggregate(WINDOW);
    expect(attempts.count).toBe(6);
    expect(attempts.byStatus).toEqual({ success: 4, error: 1, timeout: 1, cancelled: 0 });
    expect(attempts.successRate).toBeCloseTo(4 / 6, 10);
    expect(attempts.cacheHits).toBe(1);
    expect(attempts.cacheHitRate).toBeCloseTo(1 / 6, 10);
    expect(attempts.tokens).toEqual({ input: 4500, output: 900, cached: 500, reasoning: 100 });
    expect(attempts.costMicroUsd).toBe(13500);
    // TTFT non-null, sorted [1, 20, 40, 60]: 1.5 → 30; 2.85 → 40 + 0.85*20; 2.97 → 40 + 0.97*20
    expect(attempts.timeToFirstTokenMs.p50).toBeCloseTo(30, 10);
    expect(attempts.timeToFirstTokenMs.p95).toBeCloseTo(57, 10);
    expect(attempts.timeToFirstTokenMs.p99).toBeCloseTo(59.4, 10);
  });

  test('strategies, fallbacks by strategy and cost per node', async () => {
    const a = await getStore().aggregate(WINDOW);
    expect(a.strategies).toEqual([
      { strategy: 'llm', count: 2, rate: 0.4 },
      { strategy: 'cache', count: 1, rate: 0.2 },
      { strategy: 'retry', count: 1, rate: 0.2 },
      { strategy: 'template_fallback', count: 1, rate: 0.2 },
    ]);
    expect(a.fallbacks.count).toBe(3);
    expect(a.fallbacks.byStrategy).toEqual([
      { strategy: 'retry', count: 2, successRate: 0.5, perGeneration: 0.4 },
      { strategy: 'template', count: 1, successRate: 1, perGeneration: 0.2 },
    ]);
    expect(a.costPerNode).toEqual([
      { serviceName: 'pricing', nodeType: 'compute', count: 2, costMicroUsd: 13000 },
      { serviceName: 'payments', nodeType: 'effect', count: 2, costMicroUsd: 4500 },
      { serviceName: 'ledger', nodeType: 'reducer', count: 1, costMicroUsd: 0 },
    ]);
  });

  test('context builds: tokens by section, build time percentiles, truncation', async () => {
    const { contextBuilds: c } = await getStore().aggregate(WINDOW);
    expect(c.count).toBe(3);
    expect(c.tokensBySection).toEqual({ system: 600, patterns: 1400, contract: 900, references: 400 });
    expect(c.buildMs.p50).toBeCloseTo(20, 10); // [10, 20, 30]
    expect(c.buildMs.p95).toBeCloseTo(29, 10); // 1.9 → 20 + 0.9*10
    expect(c.truncatedBuilds).toBe(1);
    expect(c.truncatedSections).toEqual({ references: 1 });
    expect(c.patterns).toEqual({ included: 5, available: 8 });
    expect(c.meanBudgetTokens).toBeCloseTo(10000 / 3, 10);
  });

  test('groupBy nodeType gives per-group stats and percentiles', async () => {
    const a = await getStore().aggregate({ ...WINDOW, groupBy: 'nodeType' });
    expect(a.groups.map((g) => g.key)).toEqual([{ nodeType: 'compute' }, { nodeType: 'effect' }, { nodeType: 'reducer' }]);
    const [compute, effect, reducer] = a.groups.map((g) => g.generations);
    expect(compute!.costMicroUsd).toBe(13000);
    expect(compute!.latencyMs.p95).toBeCloseTo(395, 10); // [300, 400]: 0.95 → 300 + 0.95*100
    expect(compute!.rates.fallback).toBeCloseTo(0.5, 10);
    expect(effect!.latencyMs.p50).toBeCloseTo(150, 10);
    expect(effect!.rates.validationPassed).toBeCloseTo(0.5, 10);
    expect(reducer!.count).toBe(1);
    expect(reducer!.latencyMs.p99).toBe(1000);
  });

  test('groupBy two dimensions and filters by model reach every table', async () => {
    const two = await getStore().aggregate({ ...WINDOW, groupBy: ['provider', 'strategy'] });
    expect(two.groups.map((g) => [g.key.provider, g.key.strategy, g.generations.count])).toEqual([
      ['anthropic', 'llm', 1],
      ['anthropic', 'template_fallback', 1],
      ['ollama', 'cache', 1],
      ['openai', 'llm', 1],
      ['openai', 'retry', 1],
    ]);
    const claude = await getStore().aggregate({ ...WINDOW, model: 'claude-b' });
    expect(claude.generations.count).toBe(2);
    expect(claude.attempts.count).toBe(2);
    expect(claude.fallbacks.count).toBe(2); // both for g4
    expect(claude.contextBuilds.count).toBe(1); // only g3 had a build
  });

  test('time windows: since only, until only, and everything', async () => {
    const store = getStore();
    expect((await store.aggregate({ since: new Date('2026-11-21T00:00:00Z') })).generations.count).toBe(4); // g3 g4 g5 g6
    expect((await store.aggregate({ until: new Date('2026-11-21T00:00:00Z') })).generations.count).toBe(2);
    expect((await store.aggregate()).generations.count).toBe(6);
    const empty = await store.aggregate({ since: new Date('2030-01-01T00:00:00Z') });
    expect(empty.generations.count).toBe(0);
    expect(empty.generations.latencyMs.p50).toBeNull();
    expect(empty.attempts.cacheHitRate).toBeNull();
  });

  test('time series by day split by model, and attempts per hour', async () => {
    const daily = await getStore().timeSeries({ ...WINDOW, bucket: 'day', splitBy: 'model' });
    expect(daily.generations.map((p) => [p.bucketStart.toISOString(), p.key, p.count, p.costMicroUsd])).toEqual([
      ['2026-11-20T00:00:00.000Z', 'gpt-a', 2, 4500],
      ['2026-11-21T00:00:00.000Z', 'claude-b', 2, 13000],
      ['2026-11-22T00:00:00.000Z', 'codellama', 1, 0],
    ]);
    expect(daily.generations[0]!.latencyMs.p50).toBeCloseTo(150, 10);
    const hourly = await getStore().timeSeries({ ...WINDOW, bucket: 'hour' });
    expect(hourly.attempts.map((p) => [p.bucketStart.toISOString(), p.count, p.errors, p.cacheHits])).toEqual([
      ['2026-11-20T10:00:00.000Z', 1, 0, 0],
      ['2026-11-20T11:00:00.000Z', 2, 1, 0],
      ['2026-11-21T09:00:00.000Z', 2, 1, 0],
      ['2026-11-22T12:00:00.000Z', 1, 0, 1],
    ]);
  });
}
