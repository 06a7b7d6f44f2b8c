// A provider configured by its kind alone answers at the kind's public endpoint; an explicit base
// URL still wins. Nothing here reaches the internet: the defaults are checked as configuration
// values, the override as a request llm-sim receives.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startLlmSim, type LlmSim } from '@onexgen/llm-sim';
import { createLLMClient, PUBLIC_BASE_URLS, resolveLLMConfig } from '../src/index.js';

let sim: LlmSim;
beforeAll(async () => {
  sim = await startLlmSim({ scenario: { responder: () => ({ text: 'def f(self):\n    return 1\n' }) } });
});
afterAll(() => sim.close());

describe('a provider named by its kind only', () => {
  test.each([
    ['anthropic', 'https://api.anthropic.com/v1'],
    ['gemini', 'https://generativelanguage.googleapis.com/v1beta'],
    ['openai-compatible', 'https://api.openai.com/v1'],
  ] as const)('%s gets %s as its base URL', (kind, url) => {
    const layer = { providers: { mine: { kind, apiKeyEnv: 'MY_KEY' } }, tiers: { cloud_fast: [{ provider: 'mine', model: 'm' }] } };
    expect(resolveLLMConfig(layer).providers.mine!.baseUrl).toBe(url);
    expect(PUBLIC_BASE_URLS[kind]).toBe(url);
    // the client accepts it (it used to refuse: "no baseUrl and no value in baseUrlEnv")
    const client = createLLMClient(layer, { env: { MY_KEY: 'k' } });
    expect(client.config.providers.mine!.baseUrl).toBe(url);
    client.close();
  });

  test('an explicit base URL wins over the public endpoint: the request reaches it', async () => {
    const layer = {
      providers: { mine: { kind: 'anthropic' as const, baseUrl: `${sim.url}/v1`, apiKeyEnv: 'MY_KEY' } },
      tiers: { cloud_fast: [{ provider: 'mine', model: 'claude-haiku-4-5' }] },
      retry: { maxRetries: 0 },
    };
    const client = createLLMClient(layer, { env: { MY_KEY: 'k' } });
    try {
      const res = await client.generate({ prompt: 'p', systemPrompt: 's' });
      expect(res.text).toContain('return 1');
      expect(sim.requests.at(-1)!.path).toBe('/v1/messages');
      expect(sim.requests.at(-1)!.headers['x-api-key']).toBe('k');
    } finally {
      client.close();
    }
  });

  test('a base URL in baseUrlEnv (OLLAMA_HOST) still wins over the default: the request reaches it', async () => {
    const layer = { providers: { box: { kind: 'ollama' as const, baseUrlEnv: 'OLLAMA_HOST' } }, tiers: { local: [{ provider: 'box', model: 'qwen2.5-coder:7b' }] }, retry: { maxRetries: 0 } };
    expect(resolveLLMConfig(layer).providers.box!.baseUrl).toBe('http://127.0.0.1:11434');
    const client = createLLMClient(layer, { env: { OLLAMA_HOST: sim.url.replace(/^http:\/\//, '') } });
    try {
      await client.generate({ prompt: 'p', tier: 'local' });
      expect(sim.requests.at(-1)!.path).toBe('/api/chat');
    } finally {
      client.close();
    }
  });
});
