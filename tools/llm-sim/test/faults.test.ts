/* eslint-disable @typescript-eslint/no-explicit-any -- wire JSON is asserted field by field */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { startLlmSim, type LlmSim } from '../src/index.js';

let sim: LlmSim;
beforeAll(async () => {
  sim = await startLlmSim();
});
afterAll(() => sim.close());
beforeEach(() => sim.setScenario({}));

const chat = (model = 'glm-4.5', extra: Record<string, unknown> = {}) =>
  fetch(`${sim.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hello' }], ...extra }),
  });

describe('scripted outcomes', () => {
  test('429 with Retry-After, then ok; entries are consumed in order and recorded', async () => {
    sim.setScenario({ script: [{ kind: 'error', status: 429, headers: { 'retry-after': '1' } }] });
    const first = await chat();
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('1');
    expect(((await first.json()) as any).error.type).toBe('rate_limit_exceeded');
    expect((await chat()).status).toBe(200);
    expect(sim.requests.map((r) => r.outcome)).toEqual(['error', 'ok']);
    expect(sim.requests[0]!.headers.authorization).toBe('Bearer sk-test');
    expect(sim.pendingScript()).toBe(0);
  });

  test('Z.ai business code 1113 in its own error shape', async () => {
    sim.setScenario({ script: [{ kind: 'zai', code: '1113' }] });
    const res = await chat();
    expect(res.status).toBe(429);
    expect(((await res.json()) as any).error.code).toBe('1113');
  });

  test('`when` scopes an outcome to one model and `times` repeats it', async () => {
    sim.setScenario({ script: [{ kind: 'error', status: 503, when: { model: 'glm-4.6' }, times: 2 }] });
    expect((await chat('glm-4.5')).status).toBe(200);
    expect((await chat('glm-4.6')).status).toBe(503);
    expect((await chat('glm-4.6')).status).toBe(503);
    expect((await chat('glm-4.6')).status).toBe(200);
  });

  test('connection reset rejects the fetch', async () => {
    sim.setScenario({ script: [{ kind: 'reset' }] });
    await expect(chat()).rejects.toThrow();
  });

  test('malformed JSON body', async () => {
    sim.setScenario({ script: [{ kind: 'malformed' }] });
    const res = await chat();
    await expect(res.json()).rejects.toThrow();
  });

  test('stream cut mid-way fails the body read', async () => {
    sim.setScenario({ text: 'a'.repeat(120), chunkChars: 10, script: [{ kind: 'cut', afterChunks: 3 }] });
    const res = await chat('glm-4.5', { stream: true });
    await expect(res.text()).rejects.toThrow();
  });

  test('stream without terminal event ends cleanly but lacks [DONE] and finish_reason', async () => {
    sim.setScenario({ script: [{ kind: 'no-terminal' }] });
    const body = await (await chat('glm-4.5', { stream: true })).text();
    expect(body).not.toContain('[DONE]');
    expect(body).not.toContain('"finish_reason":"stop"');
  });

  test('max_tokens below the answer length cuts the text and reports length', async () => {
    sim.setScenario({ text: 'one two three four five six seven eight nine ten' });
    const json = (await (await chat('glm-4.5', { max_tokens: 3 })).json()) as any;
    expect(json.choices[0].finish_reason).toBe('length');
    expect(json.usage.completion_tokens).toBe(3);
    expect(json.choices[0].message.content).toBe('one two three');
  });

  test('latency is applied before the response', async () => {
    sim.setScenario({ latencyMs: 120 });
    const started = performance.now();
    await (await chat()).json();
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
  });

  test('invalid scenario is refused with the field path', () => {
    expect(() => sim.setScenario({ script: [{ kind: 'error', status: 200 } as never] })).toThrow(/script\.0\.status/);
  });

  test('control endpoints: scenario over HTTP, request log', async () => {
    const set = await fetch(`${sim.url}/__sim/scenario`, { method: 'POST', body: JSON.stringify({ script: [{ kind: 'error', status: 500 }] }) });
    expect(set.status).toBe(200);
    expect((await chat()).status).toBe(500);
    const log = (await (await fetch(`${sim.url}/__sim/requests`)).json()) as any[];
    expect(log.at(-1).outcome).toBe('error');
  });
});

describe('timing and load', () => {
  test('concurrency(): peak requests in flight', async () => {
    // every request must still be waiting when the last one arrives: at 60 ms a loaded machine
    // (CI) sent the seventh after the first had finished (peak 6)
    sim.setScenario({ latencyMs: 1500 });
    sim.reset();
    await Promise.all(Array.from({ length: 7 }, () => chat().then((r) => r.json())));
    expect(sim.concurrency()).toEqual({ inFlight: 0, peak: 7 });
  });

  test('stall pauses the stream mid-way, then it completes', async () => {
    sim.setScenario({ text: 'x'.repeat(48), chunkChars: 12, script: [{ kind: 'stall', afterChunks: 2, pauseMs: 150 }] });
    const started = performance.now();
    const body = await (await chat('glm-4.5', { stream: true })).text();
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    expect(body).toContain('[DONE]');
  });

  test('ttft delays the first content chunk', async () => {
    sim.setScenario({ ttftMs: 120 });
    const started = performance.now();
    const res = await chat('glm-4.5', { stream: true });
    const reader = res.body!.getReader();
    let first = '';
    while (!first.includes('"content":"S')) first += new TextDecoder().decode((await reader.read()).value);
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
    await reader.cancel();
  });

  test('client disconnects are recorded', async () => {
    sim.setScenario({ latencyMs: 300 });
    sim.reset();
    await expect(fetch(`${sim.url}/v1/chat/completions`, {
      method: 'POST', body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'x' }] }), signal: AbortSignal.timeout(50),
    })).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 350));
    expect(sim.requests[0]!.clientClosed).toBe(true);
  });

  test('a request whose client gives up before its body is read is still counted (a client timeout while the simulator was busy)', async () => {
    sim.reset();
    const { connect } = await import('node:net');
    const socket = connect(sim.port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    // the headers and half the announced body, then the client goes away
    socket.write(`POST /v1/chat/completions HTTP/1.1\r\nHost: sim\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{"model":"glm-4.5",`);
    const deadline = Date.now() + 5_000;
    while (sim.requests.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    socket.destroy();
    await new Promise((r) => setTimeout(r, 100));
    expect(sim.requests).toHaveLength(1);
    expect(sim.requests[0]).toMatchObject({ method: 'POST', path: '/v1/chat/completions', clientClosed: true });
    expect(sim.requests[0]!.outcome).toBeUndefined();
  });
});

describe('no-finish', () => {
  test('OpenAI stream: usage and [DONE] but no finish_reason', async () => {
    sim.setScenario({ script: [{ kind: 'no-finish' }] });
    const body = await (await chat('glm-4.5', { stream: true })).text();
    expect(body).toContain('[DONE]');
    expect(body).toContain('"usage"');
    expect(body).not.toMatch(/"finish_reason":"\w+"/);
  });
});
