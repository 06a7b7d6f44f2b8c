import { afterEach, beforeEach, expect, test } from '@jest/globals';
import { AbortedError, type AttemptEvent } from '../src/index.js';
import { useSimulator, attempts, simClient, TWO_TARGETS, type TestClient } from './helpers.js';

const h = useSimulator();
let t: TestClient;
beforeEach(() => {
  t = simClient(h.sim, [TWO_TARGETS]);
});
afterEach(() => t.client.close());

/** Aborts once the simulator has the request (under load a fixed delay could fire before it arrives). */
async function abortWhenReceived(controller: AbortController, afterMs = 0): Promise<void> {
  while (h.sim.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
  await new Promise((r) => setTimeout(r, afterMs));
  controller.abort();
}

test('abort while the provider is thinking: rejects at once, the connection is closed, no failover', async () => {
  h.sim.setScenario({ latencyMs: 5_000 });
  const controller = new AbortController();
  void abortWhenReceived(controller);
  const started = performance.now();
  await expect(t.client.generate({ prompt: 'x', cache: false }, { signal: controller.signal })).rejects.toBeInstanceOf(AbortedError);
  expect(performance.now() - started).toBeLessThan(2_500);
  await new Promise((r) => setTimeout(r, 30));
  expect(h.sim.requests).toHaveLength(1);
  expect(h.sim.requests[0]!.clientClosed).toBe(true);
});

test('abort during a Retry-After wait stops the wait', async () => {
  t.client.close();
  t = simClient(h.sim, [TWO_TARGETS, { retry: { maxRetryAfterMs: 10_000, totalBudgetMs: 20_000 } }]);
  h.sim.setScenario({ script: [{ kind: 'error', status: 429, headers: { 'retry-after': '5' } }] });
  const controller = new AbortController();
  void abortWhenReceived(controller, 50);
  const started = performance.now();
  await expect(t.client.generate({ prompt: 'x', cache: false }, { signal: controller.signal })).rejects.toBeInstanceOf(AbortedError);
  expect(performance.now() - started).toBeLessThan(2_500);
  expect(h.sim.requests).toHaveLength(1);
});

test('an already-aborted signal sends nothing', async () => {
  await expect(t.client.generate({ prompt: 'x' }, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortedError);
  expect(h.sim.requests).toHaveLength(0);
});

test('abort mid-stream: AbortedError, and what was streamed is still priced', async () => {
  h.sim.setScenario({ text: 'abcdefghij'.repeat(50), chunkChars: 5, chunkDelayMs: 5 });
  const controller = new AbortController();
  const s = t.client.stream({ prompt: 'x', cache: false }, { signal: controller.signal });
  let n = 0;
  const error = await (async () => {
    for await (const _ of s) if (++n === 5) controller.abort();
  })().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AbortedError);
  const res = await s.response;
  expect(res.finishReason).toBe('cancelled');
  expect(res.costMicros).toBeGreaterThan(0);
  expect((attempts(t.events).at(-1) as AttemptEvent).status).toBe('cancelled');
});
