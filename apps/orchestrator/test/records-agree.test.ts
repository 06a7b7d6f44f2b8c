// Records that agree (issue 19 §6, 13 §4): what `--json` reports per method equals what the database
// holds, and a run killed with SIGKILL mid-way leaves no learned template without the generation
// that made it (they commit in one transaction) and no cache row served without it. llm-sim over
// real HTTP, the built CLI for the kill.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startLlmSim, type LlmSim } from '@onexgen/llm-sim';
import { createResponseCacheStore, openDatabase } from '@onexgen/metrics';
import { dumpDatabase } from './helpers/db-dump.js';
import { assertBuilt, startBuiltCli } from './helpers/run-built-cli.js';
import { runInProcess } from './helpers/run-in-process.js';
import { goodResponder } from './helpers/sim.js';

const EXAMPLES = fileURLToPath(new URL('../../../examples/specs/', import.meta.url));
const SPECS = ['postgres-user-store-effect.yaml', 'price-calculator-compute.yaml', 'event-counter-reducer.yaml', 'order-workflow-orchestrator.yaml'].map((f) => join(EXAMPLES, f));
const KEY = 'sk-records-agree-KEY-9090';
const tmp = mkdtempSync(join(tmpdir(), 'onexgen-records-'));
let sim: LlmSim;

beforeAll(async () => {
  sim = await startLlmSim({ scenario: { responder: goodResponder } });
});
afterAll(async () => {
  await sim.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** The keys among `keys` that the CLI's cache reader would serve. */
async function servedKeys(db: string, keys: string[]): Promise<string[]> {
  const handle = await openDatabase(db, { verify: true });
  try {
    const cache = createResponseCacheStore(handle);
    const served: string[] = [];
    for (const key of keys) if (await cache.get(key)) served.push(key);
    return served;
  } finally {
    await handle.close();
  }
}

const sim_args = () => ['--provider', 'openai-compatible', '--base-url', `${sim.url}/v1`, '--model', 'glm-4.5'];

// rows name the method, not its class, and several nodes have a `process`: compare as multisets
const byContent = (a: object, b: object) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1);

type JsonMethod = { class: string; name: string; strategy: string; attempts: number; verdict: string; tokens: { input: number; output: number; total: number }; cost: number };

describe('records agree', () => {
  test('--json per method equals the generation rows: strategy, attempts, tokens, cost, verdict', async () => {
    const dir = mkdtempSync(join(tmp, 'json-'));
    const run = await runInProcess(['generate', ...SPECS, '--out', join(dir, 'out'), '--db', join(dir, 'db'), '--json', ...sim_args()], {
      cwd: dir,
      env: { HOME: dir, CI: '1', ONEXGEN_API_KEY: KEY, PATH: process.env.PATH },
    });
    expect(run.stderr).toBe('');
    const json = JSON.parse(run.stdout) as { sessionId: string; nodes: { methods: JsonMethod[] }[]; totals: { tokens: number } };
    const reported = json.nodes
      .flatMap((n) => n.methods)
      .map((m) => ({ name: m.name, strategy: m.strategy, attempts: m.attempts, verdict: m.verdict, tokens: m.tokens.total, costMicros: Math.round(m.cost * 1e6) }))
      .sort(byContent);
    const db = await dumpDatabase(join(dir, 'db'));
    const stored = (db.rows.llm_generation_metrics ?? [])
      .filter((r) => r.session_id === json.sessionId)
      .map((r) => ({
        name: String(r.method_name),
        strategy: r.strategy,
        attempts: Number(r.attempts),
        verdict: r.verdict,
        tokens: Number(r.tokens_input) + Number(r.tokens_output),
        costMicros: Number(r.cost_micro_usd),
      }))
      .sort(byContent);
    expect(reported.length).toBeGreaterThanOrEqual(14);
    // one definition of attempts (model calls made): a method no model wrote holds 0 in both
    expect(stored).toEqual(reported);
    expect(reported.some((r) => r.attempts === 0)).toBe(true);
    // every provider request is an attempt row of this session
    expect(db.counts.llm_call_attempts).toBe(sim.requests.length);
  }, 300_000);

  test('a provider that keeps failing: one attempt row per request, though its open breaker skips targets without one', async () => {
    const dir = mkdtempSync(join(tmp, 'failing-'));
    sim.reset();
    sim.setScenario({ script: [{ kind: 'error', status: 500, times: 10_000 }] });
    const run = await runInProcess(['generate', ...SPECS, '--out', join(dir, 'out'), '--db', join(dir, 'db'), '--json', ...sim_args()], {
      cwd: dir,
      env: { HOME: dir, CI: '1', ONEXGEN_API_KEY: KEY, PATH: process.env.PATH },
    });
    sim.setScenario({ responder: goodResponder });
    expect(JSON.parse(run.stdout).stopReason).toBe('provider_unavailable');
    // a skipped target's event carried the previous request's number (0 before the first): its row
    // was refused, and with it the whole batch of real attempts
    expect(run.stderr).not.toMatch(/could not record/);
    const db = await dumpDatabase(join(dir, 'db'));
    expect(sim.requests.length).toBeGreaterThan(0);
    expect(db.counts.llm_call_attempts).toBe(sim.requests.length);
  }, 300_000);

  test('SIGKILL mid-run: every learned template has the generation row that made it', async () => {
    assertBuilt();
    const dir = mkdtempSync(join(tmp, 'kill-'));
    sim.reset();
    sim.setScenario({ responder: goodResponder, latencyMs: 150 });
    const { child, done } = startBuiltCli(['generate', ...SPECS, '--out', join(dir, 'out'), '--db', join(dir, 'db'), '--json', '--file-concurrency', '1', ...sim_args()], {
      cwd: dir,
      env: { HOME: dir, CI: '1', ONEXGEN_API_KEY: KEY },
    });
    // let the first nodes be written (and learned from), then kill while later ones are in flight
    const deadline = Date.now() + 120_000;
    while (sim.requests.length < 9 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGKILL');
    const run = await done;
    expect(run.code).toBe(-1);
    const db = await dumpDatabase(join(dir, 'db'));
    const generations = new Set((db.rows.llm_generation_metrics ?? []).map((r) => String(r.correlation_id)));
    const templates = db.rows.pattern_templates ?? [];
    expect(templates.filter((t) => t.generation_id !== null && !generations.has(String(t.generation_id)))).toEqual([]);
    // every cache row names the generation it was written for; one whose generation never committed
    // (the kill came between the answer and the row) is never served
    const cache = db.rows.llm_response_cache ?? [];
    expect(cache.length).toBeGreaterThan(0);
    expect(cache.filter((c) => c.generation_id === null)).toEqual([]);
    const orphaned = cache.filter((c) => !generations.has(String(c.generation_id))).map((c) => String(c.key_hash));
    expect(await servedKeys(join(dir, 'db'), orphaned)).toEqual([]);
    sim.setScenario({ responder: goodResponder });
  }, 300_000);
});
