// Answers are bounded in time and size: a body that stalls after its headers times out as a
// timeout (not a socket-level `network` error minutes later), and an answer larger than the
// requested max tokens can produce is refused and fails over instead of being buffered whole.
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import type { Outcome } from '@onexgen/llm-sim';
import type { AttemptEvent } from '../src/index.js';
import { useSimulator, attempts, simClient, TWO_TARGETS, type TestClient } from './helpers.js';

const h = useSimulator();
let t: TestClient;
beforeEach(() => {
  t = simClient(h.sim, [TWO_TARGETS]);
});
afterEach(() => t.client.close());

const onGlm = (o: Outcome): Outcome => ({ ...o, when: { model: 'glm-4.5' } });

describe('a body that stalls after its headers', () => {
  // A declared length is read whole, a chunked body chunk by chunk: both under the deadline.
  test.each([false, true])('times out at the request timeout, is classed timeout and retried (chunked: %s)', async (chunked) => {
    t.client.close();
    t = simClient(h.sim, [TWO_TARGETS, { timeouts: { requestMs: 300, streamIdleMs: 300 } }]);
    h.sim.setScenario({ script: [onGlm({ kind: 'stall', pauseMs: 5_000, chunked })] });
    const started = performance.now();
    const res = await t.client.generate({ prompt: 'hello', cache: false });
    const elapsed = performance.now() - started;
    expect(res.model).toBe('glm-4.5');
    expect(res.text.length).toBeGreaterThan(0);
    const first = attempts(t.events)[0] as AttemptEvent;
    expect(first.errorClass).toBe('timeout');
    // The stalled attempt ends at ~300 ms, not at the 5 s pause.
    expect(elapsed).toBeLessThan(4_000);
  });
});

describe('an answer larger than max tokens allow', () => {
  // With a content-length the header refuses it; without one the count of bytes read does.
  test.each([false, true])('non-streamed: refused as response_too_large and failed over (chunked: %s)', async (chunked) => {
    const huge = 'x = 1\n'.repeat(50_000); // 300 KB for a 100-token request (limit ~67 KB)
    h.sim.setScenario({ script: [onGlm({ kind: 'ok', text: huge, ignoreMaxTokens: true, chunked })], text: 'def run(self):\n    return 1\n' });
    const res = await t.client.generate({ prompt: 'hello', cache: false, maxOutputTokens: 100 });
    expect(res.model).toBe('gpt-4o-mini');
    expect(res.text).not.toContain('x = 1');
    const first = attempts(t.events)[0] as AttemptEvent;
    expect(first.errorClass).toBe('response_too_large');
  });

  test('streamed: refused mid-stream before the first target is trusted', async () => {
    const huge = 'y = 2\n'.repeat(50_000);
    h.sim.setScenario({ chunkChars: 20_000, text: 'ok', script: [onGlm({ kind: 'ok', text: huge, ignoreMaxTokens: true })] });
    const s = t.client.stream({ prompt: 'hello', cache: false, maxOutputTokens: 100 });
    let text = '';
    let failure: unknown;
    try {
      for await (const e of s) if (e.type === 'text') text += e.text;
    } catch (error) {
      failure = error;
    }
    expect(text.length).toBeLessThan(huge.length);
    // Either the refusal fails over before the first token, or it ends the stream with the class.
    if (failure) expect(failure).toMatchObject({ errorClass: 'response_too_large' });
    else expect(text).toBe('ok');
  });
});
