import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { AllTargetsFailedError, MemoryBudgetStore, StreamError, type AttemptEvent } from '../src/index.js';
import { useSimulator, attempts, simClient, TWO_TARGETS, type TestClient } from './helpers.js';

const h = useSimulator();
let t: TestClient;
const TEXT = 'def handler(self, payload):\n    return {"ok": True, "items": [1, 2, 3]}\n';
beforeEach(() => {
  h.sim.setScenario({ text: TEXT, chunkChars: 6 });
  h.sim.reset();
  t = simClient(h.sim, [TWO_TARGETS, { retry: { maxRetries: 0 } }]);
});
afterEach(() => t.client.close());

async function drain(s: AsyncIterable<{ text: string }>): Promise<string[]> {
  const out: string[] = [];
  for await (const c of s) out.push(c.text);
  return out;
}

describe('streaming integrity', () => {
  test('stream cut before the first token → error → failover to the next target', async () => {
    h.sim.setScenario({ text: TEXT, chunkChars: 6, script: [{ kind: 'cut', afterChunks: 0, when: { model: 'glm-4.5' } }] });
    const s = t.client.stream({ prompt: 'go' });
    expect((await drain(s)).join('')).toBe(TEXT);
    const res = await s.response;
    expect(res.model).toBe('gpt-4o-mini');
    const first = attempts(t.events)[0] as AttemptEvent;
    expect(first).toMatchObject({ status: 'error', errorClass: 'stream_incomplete', model: 'glm-4.5', stream: true });
  });

  test('malformed chunk before the first token fails over too', async () => {
    h.sim.setScenario({ text: TEXT, script: [{ kind: 'malformed', when: { model: 'glm-4.5' } }] });
    const s = t.client.stream({ prompt: 'go' });
    await drain(s);
    expect((await s.response).model).toBe('gpt-4o-mini');
    expect((attempts(t.events)[0] as AttemptEvent).errorClass).toBe('invalid_response');
  });

  test('stream cut after tokens → error to the consumer, no failover (output already seen)', async () => {
    h.sim.setScenario({ text: TEXT, chunkChars: 6, script: [{ kind: 'cut', afterChunks: 3 }] });
    const s = t.client.stream({ prompt: 'go' });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const c of s) seen.push(c.text);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamError);
    expect((error as StreamError).errorClass).toBe('stream_incomplete');
    expect(seen.length).toBe(3);
    await expect(s.response).rejects.toBe(error);
    expect(h.sim.requests).toHaveLength(1);
  });

  test('a stream that ends without its terminal event is an error', async () => {
    h.sim.setScenario({ text: TEXT, script: [{ kind: 'no-terminal' }] });
    const s = t.client.stream({ prompt: 'go' });
    await expect(drain(s)).rejects.toMatchObject({ errorClass: 'stream_incomplete' });
  });

  test.each(['anthropic', 'gemini', 'ollama'] as const)('%s: missing terminal event is an error too', async (provider) => {
    const model = { anthropic: 'claude-haiku-4-5', gemini: 'gemini-2.5-flash', ollama: 'qwen2.5-coder:7b' }[provider];
    h.sim.setScenario({ text: TEXT, script: [{ kind: 'no-terminal' }] });
    const s = t.client.stream({ prompt: 'go', model, provider, tier: 'local' });
    await expect(drain(s)).rejects.toMatchObject({ errorClass: 'stream_incomplete' });
  });

  test.each([
    ['zai', 'glm-4.5'],
    ['anthropic', 'claude-haiku-4-5'],
  ] as const)('%s: a terminal event without any finish reason is an error too', async (provider, model) => {
    h.sim.setScenario({ text: TEXT, script: [{ kind: 'no-finish' }] });
    const s = t.client.stream({ prompt: 'go', provider, model });
    await expect(drain(s)).rejects.toMatchObject({ errorClass: 'stream_incomplete' });
  });

  test('idle timeout between chunks', async () => {
    t.client.close();
    t = simClient(h.sim, [TWO_TARGETS, { retry: { maxRetries: 0 }, timeouts: { streamIdleMs: 120 } }]);
    h.sim.setScenario({ text: TEXT, script: [{ kind: 'stall', afterChunks: 2, pauseMs: 3_000 }] });
    const started = performance.now();
    const s = t.client.stream({ prompt: 'go' });
    await expect(drain(s)).rejects.toMatchObject({ errorClass: 'stream_idle_timeout' });
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  test('a consumer slower than the idle limit between chunks is not a silent provider', async () => {
    t.client.close();
    t = simClient(h.sim, [TWO_TARGETS, { retry: { maxRetries: 0 }, timeouts: { streamIdleMs: 120 } }]);
    // a short pause (within the limit) after the second chunk: the body arrives in more than one read
    h.sim.setScenario({ text: TEXT, chunkChars: 6, script: [{ kind: 'stall', afterChunks: 2, pauseMs: 40 }] });
    const s = t.client.stream({ prompt: 'go' });
    const out: string[] = [];
    for await (const c of s) {
      out.push(c.text);
      // the caller's own work between chunks, longer than the provider may stay silent
      if (out.length <= 2) await new Promise((r) => setTimeout(r, 250));
    }
    expect(out.join('')).toBe(TEXT);
    expect((await s.response).text).toBe(TEXT);
  });

  test('finish_reason length → truncated response', async () => {
    const s = t.client.stream({ prompt: 'go', maxOutputTokens: 5 });
    await drain(s);
    const res = await s.response;
    expect(res).toMatchObject({ finishReason: 'length', truncated: true });
    expect(res.usage.outputTokens).toBe(5);
  });

  test('consumer stopping early: connection closed, usage counted, cost recorded in events and budget', async () => {
    t.client.close();
    const budgetStore = new MemoryBudgetStore();
    t = simClient(h.sim, [TWO_TARGETS, { budgets: [{ scope: 'run', limitUsd: 10 }], runId: 'early' }], { budgetStore });
    h.sim.setScenario({ text: TEXT.repeat(20), chunkChars: 8, chunkDelayMs: 2 });
    const s = t.client.stream({ prompt: 'go' });
    let received = '';
    for await (const c of s) {
      received += c.text;
      if (received.length >= 40) break;
    }
    const res = await s.response;
    expect(res.finishReason).toBe('cancelled');
    expect(res.usageEstimated).toBe(true);
    expect(res.text).toBe(received);
    expect(res.usage.outputTokens).toBeGreaterThan(5);
    expect(res.costMicros).toBeGreaterThan(0);
    const event = attempts(t.events).at(-1) as AttemptEvent;
    expect(event).toMatchObject({ status: 'cancelled', costMicros: res.costMicros, outputTokens: res.usage.outputTokens });
    expect(await budgetStore.getSpent('run:early')).toBe(res.costMicros);
    await new Promise((r) => setTimeout(r, 50));
    expect(h.sim.requests[0]!.clientClosed).toBe(true);
  });

  test('all targets failing before the first token rejects the iteration and the response', async () => {
    h.sim.setScenario({ script: [{ kind: 'error', status: 401, times: 2 }] });
    const s = t.client.stream({ prompt: 'go' });
    await expect(drain(s)).rejects.toBeInstanceOf(AllTargetsFailedError);
    await expect(s.response).rejects.toBeInstanceOf(AllTargetsFailedError);
  });
});

describe('streams and policies', () => {
  test('an HTTP error before the stream starts is retried by ky on the same target', async () => {
    t.client.close();
    t = simClient(h.sim, [TWO_TARGETS]);
    h.sim.setScenario({ text: TEXT, script: [{ kind: 'error', status: 503 }] });
    const s = t.client.stream({ prompt: 'go' });
    expect((await drain(s)).join('')).toBe(TEXT);
    expect(await s.response).toMatchObject({ model: 'glm-4.5', attempts: 2 });
  });

  test('a stream holds its bulkhead slot until its last chunk', async () => {
    t.client.close();
    t = simClient(h.sim, [{ providers: { zai: { maxConcurrent: 2 } } }]);
    h.sim.setScenario({ text: TEXT, chunkChars: 10, chunkDelayMs: 10 });
    const streams = Array.from({ length: 6 }, (_, i) => t.client.stream({ prompt: `s${i}` }));
    const texts = await Promise.all(streams.map(async (s) => (await drain(s)).join('')));
    expect(texts.every((x) => x === TEXT)).toBe(true);
    expect(h.sim.concurrency().peak).toBe(2);
  });
});

describe('generate with onText (a progress display streams the answer)', () => {
  test('chunks arrive before the call resolves, add up to the answer, and time to first token is recorded', async () => {
    h.sim.setScenario({ text: TEXT, chunkChars: 6, chunkDelayMs: 5 });
    const chunks: string[] = [];
    const res = await t.client.generate({ prompt: 'go', cache: false }, { onText: (c) => chunks.push(c) });
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.join('')).toBe(res.text);
    expect(res.text).toBe(TEXT);
    expect(res.timeToFirstTokenMs).toBeGreaterThanOrEqual(0);
    expect(h.sim.requests.at(-1)!.stream).toBe(true);
    expect((attempts(t.events).at(-1) as AttemptEvent).timeToFirstTokenMs).toBeDefined();
  });

  test('a stream stalled before its first token fails over to the next target; nothing of it was shown', async () => {
    const quick = simClient(h.sim, [TWO_TARGETS, { retry: { maxRetries: 0 }, timeouts: { streamIdleMs: 200 } }]);
    h.sim.setScenario({ text: TEXT, chunkChars: 6, script: [{ kind: 'stall', afterChunks: 0, pauseMs: 2_000, when: { model: 'glm-4.5' } }] });
    const chunks: string[] = [];
    const res = await quick.client.generate({ prompt: 'go', cache: false }, { onText: (c) => chunks.push(c) });
    expect(res.model).toBe('gpt-4o-mini');
    expect(chunks.join('')).toBe(TEXT);
    expect((attempts(quick.events)[0] as AttemptEvent)).toMatchObject({ status: 'error', errorClass: 'stream_idle_timeout', model: 'glm-4.5' });
    quick.client.close();
  });

  test('a stream cut after tokens rejects generate with the stream error', async () => {
    h.sim.setScenario({ text: TEXT, chunkChars: 6, script: [{ kind: 'cut', afterChunks: 2 }] });
    await expect(t.client.generate({ prompt: 'go', cache: false }, { onText: () => undefined })).rejects.toBeInstanceOf(StreamError);
  });
});
