import { describe, expect, test } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { costMicros, crossedLevels, createLLMClient, llmRequestSchema, llmResponseSchema, loadModelCatalog, LLMValidationError, resolveLLMConfig } from '../src/index.js';
import type { CatalogEntry } from '../src/catalog/catalog.js';
import { RpmLimiter } from '../src/policies/rate-limit.js';

describe('configuration cascade', () => {
  test('defaults < project < agent: objects merge deeply, chains are replaced whole', () => {
    const config = resolveLLMConfig(
      { tiers: { cloud_fast: [{ provider: 'openai', model: 'gpt-4o' }] }, retry: { maxRetries: 5, baseDelayMs: 100 } },
      { retry: { maxRetries: 1 }, providers: { zai: { maxConcurrent: 2 } } },
    );
    expect(config.tiers.cloud_fast).toEqual([{ provider: 'openai', model: 'gpt-4o' }]);
    expect(config.tiers.cloud_premium).toEqual([{ provider: 'zai', model: 'glm-4.6' }]);
    expect(config.retry).toMatchObject({ maxRetries: 1, baseDelayMs: 100, maxDelayMs: 20_000 });
    expect(config.providers.zai).toMatchObject({ maxConcurrent: 2, baseUrl: 'https://api.z.ai/api/paas/v4', apiKeyEnv: 'ZAI_API_KEY' });
  });

  test('defaults follow the seeds: cloud_fast glm-4.5, cloud_premium glm-4.6, local on Ollama', () => {
    const config = resolveLLMConfig();
    expect(config.tiers.cloud_fast[0]).toEqual({ provider: 'zai', model: 'glm-4.5' });
    expect(config.tiers.cloud_premium[0]).toEqual({ provider: 'zai', model: 'glm-4.6' });
    expect(config.tiers.local[0]!.provider).toBe('ollama');
  });

  test('bad values are refused naming the field', () => {
    expect(() => resolveLLMConfig({ retry: { maxRetries: -1 } })).toThrow(/at retry\.maxRetries/);
    expect(() => createLLMClient({ tiers: { cloud_fast: [{ provider: 'nope', model: 'm' }] } }, { env: {} })).toThrow(/tiers\.cloud_fast\.0\.provider: unknown provider "nope"/);
    expect(() => resolveLLMConfig({ budgets: [{ scope: 'week' as never, limitUsd: 1 }] })).toThrow(LLMValidationError);
  });

  test('OLLAMA_HOST without a scheme becomes the Ollama base URL', () => {
    const client = createLLMClient({}, { env: { OLLAMA_HOST: '10.0.0.5:11434' } });
    expect(client.config.providers.ollama!.baseUrlEnv).toBe('OLLAMA_HOST');
    client.close();
  });
});

describe('request and response schemas', () => {
  test('temperature 0–2, non-empty prompt, at most 4 stop sequences', () => {
    expect(llmRequestSchema.safeParse({ prompt: 'x', temperature: 2 }).success).toBe(true);
    expect(llmRequestSchema.safeParse({ prompt: 'x', temperature: 2.1 }).success).toBe(false);
    expect(llmRequestSchema.safeParse({ prompt: '' }).success).toBe(false);
    expect(llmRequestSchema.safeParse({ prompt: 'x', stop: ['a', 'b', 'c', 'd', 'e'] }).success).toBe(false);
    expect(llmRequestSchema.safeParse({ prompt: 'x', tier: 'cloud_huge' }).success).toBe(false);
  });

  test('an invalid request is refused by the client naming the field', async () => {
    const client = createLLMClient({}, { env: {} });
    await expect(client.generate({ prompt: 'x', temperature: 5 })).rejects.toThrow(/invalid LLM request at temperature/);
    client.close();
  });

  test('response schema rejects fractional cost', () => {
    const base = {
      text: '', model: 'm', tier: 'local', provider: 'p', usageEstimated: false, latencyMs: 1, costUsd: 0, finishReason: 'stop',
      truncated: false, attempts: 1, cacheHit: false, correlationId: 'c', timestamp: 't',
      usage: { inputTokens: 1, outputTokens: 1, cachedInputTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 },
    };
    expect(llmResponseSchema.safeParse({ ...base, costMicros: 5 }).success).toBe(true);
    expect(llmResponseSchema.safeParse({ ...base, costMicros: 0.5 }).success).toBe(false);
  });
});

describe('model catalog and cost', () => {
  const catalog = loadModelCatalog();

  test('ships the default models and the common models of each provider', () => {
    for (const id of ['glm-4.5', 'glm-4.6', 'gpt-4o', 'gpt-4o-mini', 'claude-sonnet-4-5', 'gemini-2.5-flash', 'qwen2.5-coder:7b']) {
      expect(catalog.get(id)).toBeDefined();
    }
    expect(catalog.get('glm-4.5')).toMatchObject({ contextWindow: 131072, prices: { input: 0.6, output: 2.2, cachedInput: 0.11 } });
    expect(catalog.get('claude-sonnet-4-5')!.prices.cacheWrite).toBe(3.75);
  });

  test('integer micro-dollars, each part at its own rate', () => {
    const sonnet = catalog.get('claude-sonnet-4-5') as CatalogEntry;
    const usage = { inputTokens: 10_000, cachedInputTokens: 4_000, cacheWriteTokens: 1_000, outputTokens: 2_000, reasoningTokens: 0 };
    // fresh 5,000 × 3 + cached 4,000 × 0.30 + written 1,000 × 3.75 + output 2,000 × 15 (µ$ per token = $ per M)
    expect(costMicros(sonnet, usage)).toBe(15_000 + 1_200 + 3_750 + 30_000);
  });

  test('no float drift: a thousand small calls sum exactly', () => {
    const mini = catalog.get('gpt-4o-mini') as CatalogEntry;
    const one = costMicros(mini, { inputTokens: 1_000, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 1_000, reasoningTokens: 0 });
    expect(one).toBe(750); // 1000 × 0.15 + 1000 × 0.60
    let sum = 0;
    for (let i = 0; i < 1_000; i += 1) sum += one;
    expect(sum).toBe(750_000);
    expect(Number.isInteger(costMicros(mini, { inputTokens: 7, cachedInputTokens: 3, cacheWriteTokens: 0, outputTokens: 13, reasoningTokens: 0 }))).toBe(true);
  });

  test('a broken catalog file is refused naming the entry', () => {
    expect(() => loadModelCatalog({ extra: { bad: { contextWindow: -1, maxOutput: 1, prices: { input: 1, output: 1 } } } })).toThrow(/catalog\.bad\.contextWindow/);
  });
});

describe('budget alert levels', () => {
  test('levels crossed in one jump all fire; none fires twice', () => {
    expect(crossedLevels(0, 10_000, 10_000)).toEqual(['50', '75', '85', '90', '95', '100']);
    expect(crossedLevels(10_000, 10_001, 10_000)).toEqual(['over']);
    expect(crossedLevels(5_000, 7_400, 10_000)).toEqual([]);
  });
});

describe('requests-per-minute limiter', () => {
  test('holds the extra request until the window frees a slot; abortable', async () => {
    const limiter = new RpmLimiter(2, 200);
    const started = performance.now();
    await limiter.acquire();
    await limiter.acquire();
    await limiter.acquire();
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    const full = new RpmLimiter(1, 60_000);
    await full.acquire();
    const controller = new AbortController();
    const pending = full.acquire(controller.signal);
    await sleep(10);
    controller.abort();
    await expect(pending).rejects.toThrow();
  });
});
