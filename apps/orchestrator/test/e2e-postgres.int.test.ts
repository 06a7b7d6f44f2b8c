// End to end on the harness's real PostgreSQL: the built CLI as a child process with DATABASE_URL,
// llm-sim over real HTTP. Each file run uses its own database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startLlmSim, type LlmSim } from '@onexgen/llm-sim';
import { dumpDatabase } from './helpers/db-dump.js';
import { freshDatabase } from './helpers/fresh-database.js';
import { assertBuilt, runBuiltCli } from './helpers/run-built-cli.js';
import { brokenResponder, goodResponder, repairedResponder } from './helpers/sim.js';

const EXAMPLES = fileURLToPath(new URL('../../../examples/', import.meta.url));
const KEY = 'sk-onexgen-pg-SECRET-7331';
const tmp = mkdtempSync(join(tmpdir(), 'onexgen-pg-'));
let sim: LlmSim;
let databaseUrl: string;

beforeAll(async () => {
  assertBuilt();
  databaseUrl = await freshDatabase('onexgen_e2e');
  sim = await startLlmSim({ scenario: { responder: goodResponder } });
});
afterAll(async () => {
  await sim?.close();
  rmSync(tmp, { recursive: true, force: true });
});

function generate(spec: string, dir: string) {
  return runBuiltCli(
    ['generate', join(EXAMPLES, spec), '--out', 'out', '--json', '--provider', 'openai-compatible', '--base-url', `${sim.url}/v1`, '--model', 'glm-4.5'],
    { cwd: dir, env: { HOME: dir, CI: '1', DATABASE_URL: databaseUrl, ONEXGEN_API_KEY: KEY } },
  );
}

describe('the built CLI on PostgreSQL', () => {
  test('the LLM path, retry repair and total failure are all recorded, and no key reaches the database', async () => {
    const dir = mkdtempSync(join(tmp, 'run-'));
    const good = await generate('specs/event-counter-reducer.yaml', dir);
    expect(good.stderr).toBe('');
    expect(good.code).toBe(0);
    // where the data went, without a password (`user@host:port/db`, never `user:password@`)
    expect(JSON.parse(good.stdout).database).toMatch(/^[^:@/]+@127\.0\.0\.1:\d+\/onexgen_e2e_/);
    const afterGood = sim.requests.length;

    sim.setScenario({ responder: repairedResponder() });
    const retried = await generate('specs/order-workflow-orchestrator.yaml', dir);
    expect(retried.code).toBe(0);
    const retriedMethods = JSON.parse(retried.stdout).nodes[0].methods as { strategy: string; attempts: number }[];
    expect(retriedMethods.filter((m) => m.strategy === 'retry').length).toBeGreaterThanOrEqual(3);

    sim.setScenario({ responder: brokenResponder });
    const failed = await generate('specs/price-calculator-compute.yaml', dir);
    expect(failed.code).toBe(1);
    const failedMethods = JSON.parse(failed.stdout).nodes[0].methods as { strategy: string }[];
    expect(failedMethods.some((m) => m.strategy === 'partial' || m.strategy === 'template_fallback')).toBe(true);

    const db = await dumpDatabase(databaseUrl);
    expect(afterGood).toBeGreaterThan(0);
    expect(db.counts.llm_call_attempts).toBeGreaterThanOrEqual(afterGood + retriedMethods.length);
    expect(db.counts.llm_generation_metrics).toBe(
      JSON.parse(good.stdout).totals.methods + retriedMethods.length + failedMethods.length,
    );
    expect(db.counts.fallback_events).toBeGreaterThan(0);
    expect(new Set(db.rows.llm_generation_metrics!.map((r) => r.session_id)).size).toBe(3);
    expect(db.text).not.toContain(KEY);
    for (const r of [good, retried, failed]) expect(r.stdout + r.stderr).not.toContain(KEY);
  }, 600_000);
});
