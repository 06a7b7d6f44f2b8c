import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startLlmSim, type LlmSim } from '@onexgen/llm-sim';
import type { LLMClient } from '../src/index.js';
import { KEYS, simClient } from './helpers.js';

let sim: LlmSim;
let client: LLMClient;
beforeAll(async () => {
  sim = await startLlmSim({
    scenario: { chunkChars: 4, responder: (r) => ({ text: `def ${r.prompt}(self):\n    return 42\n`, reasoning: 'let me think' }) },
  });
  client = simClient(sim).client;
});
afterAll(async () => {
  client.close();
  await sim.close();
});

const CASES = [
  { provider: 'zai', model: 'glm-4.5', path: '/api/paas/v4/chat/completions', auth: ['authorization', `Bearer ${KEYS.ZAI_API_KEY}`] },
  { provider: 'openai', model: 'gpt-4o-mini', path: '/v1/chat/completions', auth: ['authorization', `Bearer ${KEYS.OPENAI_API_KEY}`] },
  { provider: 'anthropic', model: 'claude-haiku-4-5', path: '/v1/messages', auth: ['x-api-key', KEYS.ANTHROPIC_API_KEY] },
  { provider: 'gemini', model: 'gemini-2.5-flash', path: '/v1beta/models/gemini-2.5-flash:', auth: ['x-goog-api-key', KEYS.GEMINI_API_KEY] },
  { provider: 'ollama', model: 'qwen2.5-coder:7b', path: '/api/chat', auth: undefined },
] as const;

describe.each(CASES)('$provider wire format', ({ provider, model, path, auth }) => {
  test('non-streaming: text without reasoning, provider usage, priced', async () => {
    const res = await client.generate({ prompt: 'compute', model, provider, systemPrompt: 'Write Python.' });
    expect(res.text).toBe('def compute(self):\n    return 42\n');
    expect(res.reasoning).toBe('let me think');
    expect(res).toMatchObject({ provider, model, finishReason: 'stop', truncated: false, cacheHit: false, usageEstimated: false, attempts: 1 });
    expect(res.usage.inputTokens).toBeGreaterThan(5);
    expect(res.usage.outputTokens).toBeGreaterThan(5);
    if (provider !== 'ollama') expect(res.costMicros).toBeGreaterThan(0);
    const recorded = sim.requests.at(-1)!;
    expect(recorded.path).toContain(path);
    expect(recorded.stream).toBe(false);
    if (auth) expect(recorded.headers[auth[0]]).toBe(auth[1]);
    if (provider === 'anthropic') expect(recorded.headers['anthropic-version']).toBe('2023-06-01');
  });

  test('streaming: chunks in order, reasoning apart, terminal event seen, usage from the provider', async () => {
    const s = client.stream({ prompt: 'run', model, provider, cache: false });
    const text: string[] = [];
    const reasoning: string[] = [];
    for await (const chunk of s) (chunk.type === 'text' ? text : reasoning).push(chunk.text);
    const res = await s.response;
    expect(text.length).toBeGreaterThan(3);
    expect(text.join('')).toBe('def run(self):\n    return 42\n');
    expect(reasoning.join('')).toBe('let me think');
    expect(res.text).toBe(text.join(''));
    expect(res.finishReason).toBe('stop');
    expect(res.usageEstimated).toBe(false);
    expect(res.timeToFirstTokenMs).toBeGreaterThan(0);
    expect(sim.requests.at(-1)!.stream).toBe(true);
  });
});

test('Ollama gets num_ctx large enough for prompt + output', async () => {
  const prompt = 'token '.repeat(3000);
  await client.generate({ prompt, model: 'qwen2.5-coder:7b', provider: 'ollama', maxOutputTokens: 1000, cache: false });
  const body = sim.requests.at(-1)!.body as { options: { num_ctx: number; num_predict: number } };
  expect(body.options.num_predict).toBe(1000);
  expect(body.options.num_ctx).toBeGreaterThanOrEqual(4000);
  expect(body.options.num_ctx % 1024).toBe(0);
});
