import { expect, test } from '@jest/globals';
import { inspect } from 'node:util';
import { AbortedError, type AttemptEvent, type ResponseCacheStore } from '../src/index.js';
import { MemoryResponseCache } from '../src/index.js';
import { useSimulator, attempts, KEYS, simClient } from './helpers.js';

const h = useSimulator();

/** A cache store that remembers everything written to it. */
class RecordingCache implements ResponseCacheStore {
  readonly writes: string[] = [];
  private readonly inner = new MemoryResponseCache();
  get(key: string) {
    return this.inner.get(key);
  }
  async set(key: string, value: string, ttl: number) {
    this.writes.push(key, value);
    await this.inner.set(key, value, ttl);
  }
  delete(key: string) {
    return this.inner.delete(key);
  }
}

test('API keys never appear in events, errors, error causes, stacks or cache entries', async () => {
  const cache = new RecordingCache();
  const chain = {
    tiers: {
      cloud_fast: [
        { provider: 'zai', model: 'glm-4.5' },
        { provider: 'openai', model: 'gpt-4o-mini' },
        { provider: 'anthropic', model: 'claude-haiku-4-5' },
        { provider: 'gemini', model: 'gemini-2.5-flash' },
      ],
    },
    retry: { maxRetries: 1 },
  };
  const { client, events } = simClient(h.sim, [chain], { cacheStore: cache });
  const errors: unknown[] = [];
  // Providers that echo the key back in their error text, resets, cuts, malformed bodies, then success.
  h.sim.setScenario({
    script: [
      { kind: 'error', status: 401, message: `Incorrect API key provided: ${KEYS.ZAI_API_KEY}` },
      { kind: 'error', status: 401, message: `Incorrect API key provided: ${KEYS.OPENAI_API_KEY}.` },
      { kind: 'reset', when: { provider: 'anthropic' }, times: 2 },
      { kind: 'error', status: 400, message: `bad key ${KEYS.GEMINI_API_KEY}`, when: { provider: 'gemini' } },
    ],
  });
  errors.push(await client.generate({ prompt: 'a' }).catch((e: unknown) => e));
  h.sim.setScenario({ script: [{ kind: 'cut', afterChunks: 0, when: { stream: true }, times: 4 }] });
  const s = client.stream({ prompt: 'b' });
  errors.push(await (async () => {
    for await (const _ of s) void _;
  })().catch((e: unknown) => e));
  h.sim.setScenario({});
  await client.generate({ prompt: 'c' });
  client.close();

  expect(attempts(events).length).toBeGreaterThan(8);
  expect(errors.every((e) => e instanceof Error)).toBe(true);
  const everything = [
    JSON.stringify(events),
    ...errors.map((e) => inspect(e, { depth: 10, showHidden: true })),
    ...errors.map((e) => JSON.stringify(e)),
    ...errors.map((e) => String((e as Error).stack)),
    ...cache.writes,
  ].join('\n');
  for (const key of Object.values(KEYS)) expect(everything).not.toContain(key);
  expect(everything).toContain('[REDACTED]');
  // The keys did reach the provider, in headers only.
  expect(h.sim.requests.some((r) => r.headers.authorization === `Bearer ${KEYS.ZAI_API_KEY}`)).toBe(true);
});

test('attempt events carry correlation id, tier, tokens, cost and gen_ai.* attributes', async () => {
  h.sim.setScenario({});
  const { client, events } = simClient(h.sim);
  const res = await client.generate({ prompt: 'hello', correlationId: 'corr-1', operationType: 'generate_method', temperature: 0.2, cache: false });
  client.close();
  const e = attempts(events)[0] as AttemptEvent;
  expect(e).toMatchObject({
    correlationId: 'corr-1', operationType: 'generate_method', tier: 'cloud_fast', provider: 'zai', model: 'glm-4.5',
    status: 'success', inputTokens: res.usage.inputTokens, outputTokens: res.usage.outputTokens, costMicros: res.costMicros, finishReason: 'stop',
  });
  expect(e.attributes).toMatchObject({
    'gen_ai.operation.name': 'chat',
    'gen_ai.provider.name': 'zai',
    'gen_ai.request.model': 'glm-4.5',
    'gen_ai.request.temperature': 0.2,
    'gen_ai.usage.input_tokens': res.usage.inputTokens,
    'gen_ai.usage.output_tokens': res.usage.outputTokens,
    'gen_ai.response.finish_reasons': ['stop'],
  });
  expect(e.latencyMs).toBeGreaterThan(0);
});

test('client.on subscribes per event type and returns an unsubscribe function', async () => {
  const { client } = simClient(h.sim);
  const seen: string[] = [];
  const off = client.on('attempt', (e) => seen.push(e.status));
  await client.generate({ prompt: 'one', cache: false });
  off();
  await client.generate({ prompt: 'two', cache: false });
  client.close();
  expect(seen).toEqual(['success']);
  await expect(client.generate({ prompt: 'x' })).rejects.toMatchObject({ code: 'LLM_CLIENT_CLOSED' });
});

test('requests-per-minute limit: the third call in a minute waits (and can be aborted), nothing extra is sent', async () => {
  h.sim.setScenario({});
  h.sim.reset();
  const { client } = simClient(h.sim, [{ providers: { zai: { requestsPerMinute: 2 } } }]);
  const controller = new AbortController();
  const calls = [0, 1, 2].map((i) => client.generate({ prompt: `rpm ${i}`, cache: false }, { signal: controller.signal }));
  const results = await Promise.allSettled(calls.slice(0, 2));
  expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
  await new Promise((r) => setTimeout(r, 200));
  expect(h.sim.requests).toHaveLength(2);
  controller.abort();
  await expect(calls[2]).rejects.toBeInstanceOf(AbortedError);
  client.close();
});

test('an answer that echoes the key is returned and cached without it (generate and stream)', async () => {
  const cache = new RecordingCache();
  const { client } = simClient(h.sim, [], { cacheStore: cache });
  const leak = (key: string) => `def run(self):\n    token = "${key}"\n    return token\n`;
  h.sim.setScenario({ text: leak(KEYS.ZAI_API_KEY) });
  const res = await client.generate({ prompt: 'leak please' });
  expect(res.text).not.toContain(KEYS.ZAI_API_KEY);
  expect(res.text).toContain('token = "[REDACTED]"');
  const streamed = client.stream({ prompt: 'leak please, streamed', cache: true });
  for await (const _chunk of streamed) void _chunk;
  const final = await streamed.response;
  expect(final.text).not.toContain(KEYS.ZAI_API_KEY);
  expect(cache.writes.length).toBeGreaterThan(0);
  for (const written of cache.writes) expect(written).not.toContain(KEYS.ZAI_API_KEY);
  client.close();
});

test('a key-shaped string the run does not hold (one the model saw elsewhere) is scrubbed before return and cache', async () => {
  const cache = new RecordingCache();
  const { client } = simClient(h.sim, [], { cacheStore: cache });
  const foreign = 'ghp_' + 'Q'.repeat(36);
  const dsn = 'postgres://admin:Sup3rS3cret@db.prod:5432/app';
  h.sim.setScenario({ text: `\`\`\`python\nheaders = {"Authorization": "token ${foreign}"}\ndsn = "${dsn}"\nreturn headers\n\`\`\`` });
  const res = await client.generate({ prompt: 'foreign key please', cache: true });
  expect(res.text).not.toContain(foreign);
  expect(res.text).not.toContain('Sup3rS3cret');
  expect(res.text).toContain('postgres://[REDACTED]@db.prod:5432/app');
  expect(cache.writes.length).toBeGreaterThan(0);
  for (const written of cache.writes) {
    expect(written).not.toContain(foreign);
    expect(written).not.toContain('Sup3rS3cret');
  }
  client.close();
});
