// The tracer against a real OTLP/HTTP receiver on a local port: what the official exporter sends —
// span names, parentage (run → node → method → attempt), GenAI and onexgen attributes, content only
// when asked for, and no key anywhere.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startOtlpReceiver, type OtlpReceiver } from '@onexgen/test-harness';
import { createRunTracer, parseOtlpHeaders, tracesUrl } from '../src/index.js';

const KEY = 'sk-telemetry-SECRET-9876';
let receiver: OtlpReceiver;
beforeAll(async () => {
  receiver = await startOtlpReceiver();
});
afterAll(() => receiver.close());

function runOnce(content: boolean, sessionId: string) {
  const tracer = createRunTracer({ endpoint: receiver.endpoint, content, serviceVersion: '0.1.0', redact: (t) => t.split(KEY).join('***'), headers: { 'x-tenant': 'team-a' } });
  const run = tracer.startRun('onexgen generate', { 'onexgen.session_id': sessionId, 'onexgen.command': 'generate' });
  const node = tracer.startNode(run, 'user_store.yaml', { 'onexgen.node_type': 'effect' });
  const method = tracer.startMethod(node, 'create_user', `corr-${sessionId}`, { 'onexgen.node_type': 'effect' });
  const now = Date.now();
  tracer.attempt(
    { correlationId: `corr-${sessionId}`, attempt: 1, tier: 'cloud_fast', provider: 'zai', model: 'glm-4.5', stream: true, status: 'error', errorClass: 'stream_idle_timeout', latencyMs: 200, inputTokens: 0, outputTokens: 0, costMicros: 0, timestamp: new Date(now - 300).toISOString() },
    'openai',
  );
  tracer.attempt(
    { correlationId: `corr-${sessionId}`, attempt: 2, tier: 'cloud_fast', provider: 'backup', model: 'gpt-4o-mini', stream: true, status: 'success', latencyMs: 250, timeToFirstTokenMs: 40, inputTokens: 812, outputTokens: 96, costMicros: 180, finishReason: 'stop', timestamp: new Date(now).toISOString() },
    'openai',
  );
  tracer.recordContent(method, 'prompt', `write create_user; the key ${KEY} must not leave`);
  tracer.recordContent(method, 'completion', 'def create_user(self): ...');
  tracer.end(method, { 'onexgen.verdict': 'passed-static', 'onexgen.strategy': 'llm', 'onexgen.fallback': false, 'onexgen.attempts': 1 });
  tracer.end(node, { 'onexgen.status': 'ok' });
  tracer.end(run, { 'onexgen.exit_code': 0 });
  return tracer.shutdown();
}

describe('createRunTracer over OTLP/HTTP', () => {
  test('run → node → method → attempts, with GenAI and onexgen attributes; no content unless asked', async () => {
    await runOnce(false, 's1');
    const spans = receiver.spans.filter((s) => s.attributes['onexgen.session_id'] === 's1' || s.traceId === receiver.spans.find((x) => x.attributes['onexgen.session_id'] === 's1')?.traceId);
    expect(spans).toHaveLength(5);
    const byName = (n: string) => spans.find((s) => s.name === n)!;
    const run = byName('onexgen generate');
    const node = byName('onexgen.node user_store.yaml');
    const method = byName('onexgen.method create_user');
    const failed = byName('chat glm-4.5');
    const answered = byName('chat gpt-4o-mini');
    expect(run.parentSpanId).toBe('');
    expect(node.parentSpanId).toBe(run.spanId);
    expect(method.parentSpanId).toBe(node.spanId);
    expect(failed.parentSpanId).toBe(method.spanId);
    expect(answered.parentSpanId).toBe(method.spanId);
    expect(new Set(spans.map((s) => s.traceId)).size).toBe(1);
    expect(method.attributes).toMatchObject({ 'onexgen.verdict': 'passed-static', 'onexgen.strategy': 'llm', 'onexgen.fallback': false, 'gen_ai.conversation.id': 'corr-s1' });
    expect(answered.kind).toBe(3); // CLIENT
    expect(answered.attributes).toMatchObject({
      'gen_ai.system': 'openai',
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.usage.input_tokens': 812,
      'gen_ai.usage.output_tokens': 96,
      'gen_ai.response.finish_reasons': ['stop'],
      'onexgen.attempt': 2,
      'onexgen.cost_usd': 0.00018,
      'onexgen.time_to_first_token_ms': 40,
    });
    // the attempt span covers the attempt's own time, ending when it ended
    const ns = (BigInt(answered.endTimeUnixNano) - BigInt(answered.startTimeUnixNano)) / 1_000_000n;
    expect(Number(ns)).toBeGreaterThanOrEqual(249);
    expect(Number(ns)).toBeLessThanOrEqual(251);
    expect(failed.attributes['error.type']).toBe('stream_idle_timeout');
    expect(failed.status.code).toBe(2); // ERROR
    expect(run.resource['service.name']).toBe('onexgen');
    expect(method.events).toEqual([]);
    const posted = receiver.requests.filter((r) => r.path === '/v1/traces');
    expect(posted.length).toBeGreaterThan(0);
    expect(posted[0]!.headers['x-tenant']).toBe('team-a');
  });

  test('--otel-content: prompt and code as span events, keys redacted', async () => {
    await runOnce(true, 's2');
    const method = receiver.spans.find((s) => s.name === 'onexgen.method create_user' && s.attributes['gen_ai.conversation.id'] === 'corr-s2')!;
    expect(method.events.map((e) => e.name)).toEqual(['gen_ai.content.prompt', 'gen_ai.content.completion']);
    expect(method.events[0]!.attributes['gen_ai.prompt']).toBe('write create_user; the key *** must not leave');
    expect(receiver.requests.map((r) => r.body).join('')).not.toContain(KEY);
  });

  test('endpoint and header forms', () => {
    expect(tracesUrl('http://collector:4318')).toBe('http://collector:4318/v1/traces');
    expect(tracesUrl('http://collector:4318/')).toBe('http://collector:4318/v1/traces');
    expect(tracesUrl('https://otel.example/v1/traces')).toBe('https://otel.example/v1/traces');
    expect(() => tracesUrl('ftp://x')).toThrow(/http/);
    expect(parseOtlpHeaders('api-key=abc%3D,x-team = a ')).toEqual({ 'api-key': 'abc=', 'x-team': 'a' });
  });
});
