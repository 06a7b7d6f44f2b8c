// The LLM path in-process (from source): llm-sim over real HTTP, PGlite on disk (one per scenario,
// so a learned template or cached answer of one scenario cannot serve another).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startLlmSim, type LlmSim } from '@onexgen/llm-sim';
import { loadPythonParser } from '@onexgen/response-validator';
import { dumpDatabase } from './helpers/db-dump.js';
import { importProblems } from './helpers/import-view.js';
import { runInProcess } from './helpers/run-in-process.js';
import { brokenResponder, goodResponder, repairedResponder } from './helpers/sim.js';

const EXAMPLES = fileURLToPath(new URL('../../../examples/', import.meta.url));
const SPECS = ['specs/postgres-user-store-effect.yaml', 'specs/price-calculator-compute.yaml', 'specs/event-counter-reducer.yaml', 'specs/order-workflow-orchestrator.yaml'].map((f) => join(EXAMPLES, f));
const KEY = 'sk-onexgen-test-SECRET-4242';
const tmp = mkdtempSync(join(tmpdir(), 'onexgen-llm-'));
let sim: LlmSim;
let down: LlmSim;

beforeAll(async () => {
  sim = await startLlmSim({ scenario: { responder: goodResponder } });
  // a provider that is down: every request gets a 503
  down = await startLlmSim({ scenario: { script: [{ kind: 'error', status: 503, times: 10_000 }] } });
});
afterAll(async () => {
  await Promise.all([sim.close(), down.close()]);
  rmSync(tmp, { recursive: true, force: true });
});

function scenarioDir(name: string): string {
  return mkdtempSync(join(tmp, `${name}-`));
}

async function generate(dir: string, extra: string[] = []) {
  const run = await runInProcess(
    ['generate', ...SPECS, '--out', join(dir, 'out'), '--db', join(dir, 'db'), '--json', '--provider', 'openai-compatible', '--base-url', `${sim.url}/v1`, '--model', 'glm-4.5', ...extra],
    { env: { HOME: dir, CI: '1', ONEXGEN_API_KEY: KEY }, cwd: dir },
  );
  return { ...run, json: run.stdout ? JSON.parse(run.stdout) : undefined };
}

type JsonMethod = { class: string; name: string; strategy: string; attempts: number; passed: boolean; score: number; tokens: { total: number }; cost: number; latency: number; issues: unknown[] };

describe('LLM path against llm-sim', () => {
  test('a spec per node type: every operation method written by the model, --json shape, metrics for every attempt, no key anywhere', async () => {
    sim.setScenario({ responder: goodResponder });
    const dir = scenarioDir('good');
    const run = await generate(dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.json).toMatchObject({ offline: false, exitCode: 0 });
    expect(run.json.nodes).toHaveLength(4);
    const methods: JsonMethod[] = run.json.nodes.flatMap((n: { methods: JsonMethod[] }) => n.methods);
    for (const m of methods) {
      expect(Object.keys(m)).toEqual(expect.arrayContaining(['class', 'name', 'strategy', 'attempts', 'passed', 'score', 'tokens', 'cost', 'latency', 'issues']));
      expect(m.passed).toBe(true);
      // entry methods (execute_effect, process) are filled from pattern code; operation methods by the model
      if (!m.name.startsWith('execute_') && m.name !== 'process') expect(m).toMatchObject({ strategy: 'llm', attempts: 1 });
    }
    const llmMethods = methods.filter((m) => m.strategy === 'llm');
    expect(llmMethods.length).toBeGreaterThanOrEqual(11);
    expect(llmMethods.every((m) => m.tokens.total > 0)).toBe(true);
    // every request the provider saw is an attempt row; every method a generation row
    const db = await dumpDatabase(join(dir, 'db'));
    expect(db.counts.llm_call_attempts).toBe(sim.requests.length);
    expect(db.counts.llm_generation_metrics).toBe(methods.length);
    expect(db.counts.context_builds).toBe(llmMethods.length);
    expect(db.counts.llm_generation_history).toBe(llmMethods.length);
    // each distinct system prompt is stored once, and every recorded prompt is what the provider was sent
    const systemPrompts = new Map((db.rows.llm_prompt_texts ?? []).map((t) => [t.hash, String(t.text)]));
    expect(systemPrompts.size).toBeGreaterThan(0);
    expect(systemPrompts.size).toBeLessThan(llmMethods.length);
    const recorded = db.rows.llm_generation_history!.map((h) => `${systemPrompts.get(h.system_prompt_hash)}\n\n${String(h.prompt_text)}`);
    const sent = sim.requests.map((r) => {
      const messages = (r.body as { messages: { role: string; content: string }[] }).messages;
      return `${messages.find((m) => m.role === 'system')!.content}\n\n${messages.find((m) => m.role === 'user')!.content}`;
    });
    expect(recorded.sort()).toEqual(sent.sort());
    // the key went to the provider, and nowhere else
    expect(sim.requests.some((r) => JSON.stringify(r.headers).includes(KEY))).toBe(true);
    expect(db.text).not.toContain(KEY);
    expect(run.stdout + run.stderr).not.toContain(KEY);
    const outDir = join(dir, 'out');
    // every node.py: imports in isort's order and none unused, as the parser sees them
    const parser = await loadPythonParser();
    for (const node of readdirSync(outDir)) expect(importProblems(parser, readFileSync(join(outDir, node, 'node.py'), 'utf8'))).toEqual([]);
    for (const node of readdirSync(outDir)) {
      for (const f of readdirSync(join(outDir, node), { recursive: true }) as string[]) {
        if (f.includes('.')) expect(readFileSync(join(outDir, node, f), 'utf8')).not.toContain(KEY);
      }
    }
    // learned templates: these specs give no examples, so what was learned stays pending (kept with
    // its provenance, never reused until a person approves it); the same specs again ask the model
    const learned = (await dumpDatabase(join(dir, 'db'))).rows.pattern_templates ?? [];
    expect(learned.length).toBeGreaterThan(0);
    expect(learned.every((t) => t.origin === 'pending' && t.model === 'glm-4.5' && typeof t.generation_id === 'string')).toBe(true);
    sim.reset();
    const again = await generate(dir);
    expect(again.code).toBe(0);
    const second: JsonMethod[] = again.json.nodes.flatMap((n: { methods: JsonMethod[] }) => n.methods);
    expect(second.filter((m) => m.strategy === 'learned_template')).toHaveLength(0);
  }, 180_000);

  test('invalid first answers are repaired by a retry (exit 0)', async () => {
    sim.setScenario({ responder: repairedResponder() });
    sim.reset();
    const dir = scenarioDir('retry');
    const run = await generate(dir, ['--concurrency', '1']);
    expect(run.code).toBe(0);
    const methods: JsonMethod[] = run.json.nodes.flatMap((n: { methods: JsonMethod[] }) => n.methods);
    const retried = methods.filter((m) => m.strategy === 'retry');
    expect(retried.length).toBeGreaterThanOrEqual(11);
    for (const m of retried) expect(m).toMatchObject({ attempts: 2, passed: true });
    // the retry's provider attempt is a row of its own (call 2 of the correlation), not a duplicate
    const db = await dumpDatabase(join(dir, 'db'));
    expect(db.counts.llm_call_attempts).toBe(sim.requests.length);
    expect(db.rows.llm_call_attempts!.filter((a) => a.call_number === 2).length).toBe(retried.length);
  }, 180_000);

  test('all attempts failing → fallback bodies and exit 1', async () => {
    sim.setScenario({ responder: brokenResponder });
    sim.reset();
    const dir = scenarioDir('broken');
    const run = await generate(dir);
    expect(run.code).toBe(1);
    const methods: JsonMethod[] = run.json.nodes.flatMap((n: { methods: JsonMethod[] }) => n.methods);
    const fell = methods.filter((m) => m.strategy === 'partial' || m.strategy === 'template_fallback');
    expect(fell.length).toBeGreaterThanOrEqual(11);
    for (const m of fell) expect(m.attempts).toBe(3);
    const db = await dumpDatabase(join(dir, 'db'));
    expect(db.counts.fallback_events).toBeGreaterThanOrEqual(fell.length * 3);
    expect(db.counts.llm_call_attempts).toBe(sim.requests.length);
    // the written files still parse: the fallbacks were injected, not the broken answers
    const node = readFileSync(join(dir, 'out', 'node_price_calculator_compute', 'node.py'), 'utf8');
    expect(node).not.toContain('def (:');
  }, 180_000);

  test('escalation asks another model: attempt 3 goes to the tier model the configuration names, and without one it is a plain retry', async () => {
    // glm-4.5 always answers badly, glm-4.6 well: only a real escalation can repair a method
    sim.setScenario({ responder: (request) => (request.model === 'glm-4.6' ? goodResponder(request) : brokenResponder()) });
    const run = async (dir: string) => {
      const result = await runInProcess(
        ['generate', SPECS[1]!, '--out', join(dir, 'out'), '--db', join(dir, 'db'), '--json', '--provider', 'openai-compatible', '--base-url', `${sim.url}/v1`, '--model', 'glm-4.5', '--concurrency', '1'],
        { env: { HOME: dir, CI: '1', ONEXGEN_API_KEY: KEY }, cwd: dir },
      );
      const db = await dumpDatabase(join(dir, 'db'));
      return { code: result.code, methods: (JSON.parse(result.stdout).nodes as { methods: JsonMethod[] }[]).flatMap((n) => n.methods), db };
    };

    const ladder = scenarioDir('escalate');
    writeFileSync(join(ladder, 'onexgen.config.yaml'), 'tier_models:\n  cloud_premium: glm-4.6\n');
    const escalated = await run(ladder);
    expect(escalated.code).toBe(0);
    const asked = escalated.methods.filter((m) => m.attempts > 0);
    expect(asked.length).toBeGreaterThan(0);
    for (const m of asked) expect(m).toMatchObject({ attempts: 3, passed: true, strategy: 'retry' });
    const attempts = escalated.db.rows.llm_call_attempts!;
    expect(new Set(attempts.filter((a) => a.call_number === 3).map((a) => a.model))).toEqual(new Set(['glm-4.6']));
    expect(new Set(attempts.filter((a) => Number(a.call_number) < 3).map((a) => a.model))).toEqual(new Set(['glm-4.5']));
    expect(escalated.db.rows.fallback_events!.filter((e) => e.strategy === 'escalate')).toHaveLength(asked.length);

    // one model for every tier: escalating would send the same request again, so it is not called one
    const flat = await run(scenarioDir('flat'));
    expect(flat.code).toBe(1);
    expect(flat.db.rows.llm_call_attempts!.every((a) => a.model === 'glm-4.5')).toBe(true);
    expect(flat.db.rows.fallback_events!.some((e) => e.strategy === 'escalate')).toBe(false);
  }, 180_000);

  test('a provider that is down fails over to the next one in the chain', async () => {
    sim.setScenario({ responder: goodResponder });
    const dir = scenarioDir('failover');
    const chain = [
      { provider: 'primary', model: 'glm-4.5' },
      { provider: 'secondary', model: 'glm-4.5' },
    ];
    writeFileSync(
      join(dir, 'onexgen.config.yaml'),
      JSON.stringify({
        llm: {
          providers: {
            primary: { kind: 'openai-compatible', baseUrl: `${down.url}/v1` },
            secondary: { kind: 'openai-compatible', baseUrl: `${sim.url}/v1` },
          },
          tiers: { local: chain, cloud_fast: chain, cloud_premium: chain },
          retry: { maxRetries: 0 },
        },
      }),
    );
    const run = await runInProcess(['generate', SPECS[1]!, '--out', join(dir, 'out'), '--db', join(dir, 'db'), '--json'], {
      env: { HOME: dir, CI: '1' },
      cwd: dir,
    });
    expect(run.code).toBe(0);
    expect(down.requests.length).toBeGreaterThan(0);
    const db = await dumpDatabase(join(dir, 'db'));
    const attempts = db.rows.llm_call_attempts!;
    expect(attempts.some((a) => a.provider === 'primary' && a.status === 'error')).toBe(true);
    expect(attempts.some((a) => a.provider === 'secondary' && a.status === 'success')).toBe(true);
  }, 180_000);

  test('a spent run budget stops the run with exit 3 and writes nothing of the unfinished node', async () => {
    sim.setScenario({ responder: goodResponder });
    const dir = scenarioDir('budget');
    const run = await generate(dir, ['--budget', '0.000001', '--concurrency', '1']);
    expect(run.code).toBe(3);
    const failed = run.json.nodes.filter((n: { status: string }) => n.status === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0].error.code).toBe('BUDGET_EXHAUSTED');
    expect(existsSync(join(dir, 'out', 'node_user_store_effect'))).toBe(false);
    // --json says why the run stopped and which methods were left as stubs
    expect(run.json.stopReason).toBe('budget_spent');
    expect(run.json.methodsLeft.map((n: { input: string }) => n.input)).toContain(failed[0].input);
    expect(run.json.methodsLeft.flatMap((n: { methods: string[] }) => n.methods).length).toBeGreaterThan(0);
  }, 180_000);
});
