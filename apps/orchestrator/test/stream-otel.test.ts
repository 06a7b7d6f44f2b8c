// generate with streaming and OpenTelemetry export, in-process against llm-sim (real HTTP, streamed
// SSE) and a local OTLP/HTTP receiver: TTFT recorded per attempt, a stream stalled before its first
// token failing over to the next provider, and the exported spans — run → node → method → attempt,
// GenAI and onexgen attributes, content only with --otel-content, never a key.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { startLlmSim, type LlmSim } from '@onexgen/llm-sim';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '@onexgen/test-harness';
import { dumpDatabase } from './helpers/db-dump.js';
import { runInProcess } from './helpers/run-in-process.js';
import { goodResponder } from './helpers/sim.js';

// each test runs the CLI (database, sandbox, model calls): minutes, not seconds, on a loaded machine
jest.setTimeout(120_000);

const SPEC = fileURLToPath(new URL('../../../examples/specs/price-calculator-compute.yaml', import.meta.url));
const KEY = 'sk-stream-otel-SECRET-5151';
const tmp = mkdtempSync(join(tmpdir(), 'onexgen-stream-otel-'));
let primary: LlmSim;
let backup: LlmSim;
let receiver: OtlpReceiver;

beforeAll(async () => {
  primary = await startLlmSim({ scenario: { responder: goodResponder, chunkChars: 16 } });
  backup = await startLlmSim({ scenario: { responder: goodResponder, chunkChars: 16 } });
  receiver = await startOtlpReceiver();
});
afterAll(async () => {
  await Promise.all([primary.close(), backup.close(), receiver.close()]);
  rmSync(tmp, { recursive: true, force: true });
});

/** two providers in the cloud_fast chain, a short stream idle timeout */
function project(name: string): string {
  const dir = mkdtempSync(join(tmp, `${name}-`));
  const llm = {
    providers: {
      primary: { kind: 'openai-compatible', baseUrl: `${primary.url}/v1`, apiKeyEnv: 'ONEXGEN_API_KEY' },
      backup: { kind: 'openai-compatible', baseUrl: `${backup.url}/v1`, apiKeyEnv: 'ONEXGEN_API_KEY' },
    },
    tiers: { cloud_fast: [{ provider: 'primary', model: 'gpt-4o-mini' }, { provider: 'backup', model: 'gpt-4o' }] },
    timeouts: { streamIdleMs: 300 },
    retry: { maxRetries: 0 },
    cache: { enabled: false },
  };
  writeFileSync(join(dir, 'onexgen.config.json'), JSON.stringify({ llm }));
  return dir;
}

async function generate(dir: string, extra: string[] = []) {
  const r = await runInProcess(['generate', SPEC, '--out', join(dir, 'out'), '--db', join(dir, 'db'), '--json', ...extra], {
    env: { HOME: dir, CI: '1', ONEXGEN_API_KEY: KEY },
    cwd: dir,
  });
  return { ...r, json: r.stdout ? JSON.parse(r.stdout) : undefined };
}

type AttemptRow = { provider: string; model: string; status: string; error_class: string | null; time_to_first_token_ms: number | null };

describe('streaming', () => {
  test('every model call streams; attempts carry time to first token; the answer is the one validated', async () => {
    const dir = project('stream');
    const r = await generate(dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const calls = primary.requests.filter((q) => q.path.endsWith('/chat/completions'));
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((q) => q.stream)).toBe(true);
    const db = await dumpDatabase(join(dir, 'db'));
    const attempts = db.rows.llm_call_attempts as AttemptRow[];
    expect(attempts.length).toBe(calls.length);
    expect(attempts.every((a) => a.status === 'success' && a.time_to_first_token_ms !== null)).toBe(true);
  });

  test('a stream stalled before its first token fails over to the next provider of the tier', async () => {
    const dir = project('stall');
    primary.setScenario({ responder: goodResponder, chunkChars: 16, script: [{ kind: 'stall', afterChunks: 0, pauseMs: 2_000, times: 1 }] });
    backup.reset();
    const r = await generate(dir);
    expect(r.code).toBe(0);
    const db = await dumpDatabase(join(dir, 'db'));
    const attempts = db.rows.llm_call_attempts as AttemptRow[];
    expect(attempts.filter((a) => a.status !== 'success').map((a) => [a.provider, a.error_class])).toEqual([['primary', 'stream_idle_timeout']]);
    expect(attempts.some((a) => a.provider === 'backup' && a.status === 'success')).toBe(true);
    expect(backup.requests.filter((q) => q.path.endsWith('/chat/completions')).length).toBe(1);
    primary.setScenario({ responder: goodResponder, chunkChars: 16 });
  });
});

describe('OpenTelemetry export', () => {
  const byTrace = (sessionId: string): ReceivedSpan[] => {
    const run = receiver.spans.find((s) => s.attributes['onexgen.session_id'] === sessionId)!;
    return receiver.spans.filter((s) => s.traceId === run.traceId);
  };

  test('--otel URL: run → node → method → attempt spans with GenAI and onexgen attributes; no content, no key', async () => {
    const dir = project('otel');
    const r = await generate(dir, ['--otel', receiver.endpoint]);
    expect(r.code).toBe(0);
    const spans = byTrace(r.json.sessionId);
    const run = spans.find((s) => s.parentSpanId === '')!;
    expect(run.name).toBe('onexgen generate');
    expect(run.attributes).toMatchObject({ 'onexgen.exit_code': 0, 'onexgen.offline': false });
    const nodes = spans.filter((s) => s.parentSpanId === run.spanId);
    expect(nodes).toHaveLength(1);
    expect(nodes[0]!.attributes['onexgen.node_type']).toBe('compute');
    const methods = spans.filter((s) => s.parentSpanId === nodes[0]!.spanId);
    const outcome = r.json.nodes[0].methods as { name: string; strategy: string }[];
    expect(methods.map((m) => m.attributes['onexgen.method']).sort()).toEqual(outcome.map((m) => m.name).sort());
    for (const m of methods) {
      expect(m.attributes['onexgen.strategy']).toBe(outcome.find((o) => o.name === m.attributes['onexgen.method'])!.strategy);
      expect(typeof m.attributes['onexgen.verdict']).toBe('string');
      expect(m.attributes['onexgen.fallback']).toBe(false);
      expect(m.events).toEqual([]);
    }
    const llmMethod = methods.find((m) => m.attributes['onexgen.strategy'] === 'llm')!;
    const attempts = spans.filter((s) => s.parentSpanId === llmMethod.spanId);
    expect(attempts.length).toBeGreaterThanOrEqual(1);
    expect(attempts[0]!.attributes).toMatchObject({
      'gen_ai.system': 'openai-compatible',
      'gen_ai.provider.name': 'primary',
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': 'gpt-4o-mini',
      'onexgen.stream': true,
    });
    expect(attempts[0]!.attributes['gen_ai.usage.input_tokens']).toBeGreaterThan(0);
    expect(attempts[0]!.attributes['gen_ai.usage.output_tokens']).toBeGreaterThan(0);
    expect(receiver.requests.map((q) => JSON.stringify(q)).join('')).not.toContain(KEY);
  });

  test('OTEL_EXPORTER_OTLP_ENDPOINT and --otel-content: prompts and code as span events', async () => {
    const dir = project('otel-content');
    const r = await runInProcess(['generate', SPEC, '--out', join(dir, 'out'), '--db', join(dir, 'db'), '--json', '--otel-content'], {
      env: { HOME: dir, CI: '1', ONEXGEN_API_KEY: KEY, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint },
      cwd: dir,
    });
    expect(r.code).toBe(0);
    const spans = byTrace(JSON.parse(r.stdout).sessionId);
    const llmMethod = spans.find((s) => s.attributes['onexgen.strategy'] === 'llm')!;
    const names = llmMethod.events.map((e) => e.name);
    expect(names).toContain('gen_ai.content.prompt');
    expect(names).toContain('gen_ai.content.completion');
    expect(String(llmMethod.events.find((e) => e.name === 'gen_ai.content.prompt')!.attributes['gen_ai.prompt'])).toContain('## Method:');
    expect(receiver.requests.map((q) => JSON.stringify(q)).join('')).not.toContain(KEY);
  });
});
