// Budget pools across two concurrent runs on the harness's real PostgreSQL (llm-sim over HTTP): a
// hard pool stops both runs once spent, a soft one moves their later calls to the cheaper tier; the
// spend both runs drew is one total in the database, and each alert level fires once across them.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startLlmSim, type LlmSim } from '@onexgen/llm-sim';
import { dumpDatabase } from './helpers/db-dump.js';
import { freshDatabase } from './helpers/fresh-database.js';
import { runInProcess } from './helpers/run-in-process.js';
import { goodResponder } from './helpers/sim.js';

const SPECS = ['postgres-user-store-effect.yaml', 'order-workflow-orchestrator.yaml'].map((f) => fileURLToPath(new URL(`../../../examples/specs/${f}`, import.meta.url)));
const KEY = 'sk-pools-SECRET-2468';
const tmp = mkdtempSync(join(tmpdir(), 'onexgen-pools-'));
let sim: LlmSim;
let cheap: LlmSim;

beforeAll(async () => {
  sim = await startLlmSim({ scenario: { responder: goodResponder, latencyMs: 30 } });
  cheap = await startLlmSim({ scenario: { responder: goodResponder } });
});
afterAll(async () => {
  await Promise.all([sim.close(), cheap.close()]);
  rmSync(tmp, { recursive: true, force: true });
});

/** A project whose runs draw from pool `backend` (under `acme`); cloud_fast is gpt-4o, cloud_premium gpt-4.1, local a cheap model elsewhere. */
function project(mode: 'hard' | 'soft', amountUsd: number): string {
  const dir = mkdtempSync(join(tmp, `${mode}-`));
  writeFileSync(
    join(dir, 'onexgen.config.json'),
    JSON.stringify({
      pools: { acme: { lend: true }, backend: { parent: 'acme', amount_usd: amountUsd, period: 'day', mode }, frontend: { parent: 'acme', amount_usd: 0 } },
      pool: 'backend',
      concurrency: 1,
      llm: {
        providers: {
          main: { kind: 'openai-compatible', baseUrl: `${sim.url}/v1`, apiKeyEnv: 'ONEXGEN_API_KEY' },
          cheap: { kind: 'openai-compatible', baseUrl: `${cheap.url}/v1`, apiKeyEnv: 'ONEXGEN_API_KEY' },
        },
        // every tier a method may escalate to answers here: a retry that escalated before the pool
        // was spent must not reach the default cloud_premium provider on the real network
        tiers: { cloud_fast: [{ provider: 'main', model: 'gpt-4o' }], cloud_premium: [{ provider: 'main', model: 'gpt-4.1' }], local: [{ provider: 'cheap', model: 'gpt-4o-mini' }] },
        cache: { enabled: false },
      },
    }),
  );
  return dir;
}

const run = (dir: string, db: string, spec: string) =>
  runInProcess(['generate', spec, '--out', join(dir, `out-${spec.length}`), '--json', '--no-reuse'], { env: { HOME: dir, CI: '1', ONEXGEN_API_KEY: KEY, DATABASE_URL: db }, cwd: dir });

type Attempt = { model: string; status: string; cost_micro_usd: number | string };
type Spend = { scope_key: string; spent_micro_usd: number | string };

describe('budget pools, two runs at once', () => {
  test('hard: both runs stop once the pool is spent; one total in the database; each level fires once', async () => {
    const db = await freshDatabase('onexgen_pools');
    const dir = project('hard', 0.04);
    const [a, b] = await Promise.all([run(dir, db, SPECS[0]!), run(dir, db, SPECS[1]!)]);
    const dump = await dumpDatabase(db);
    const attempts = dump.rows.llm_call_attempts as Attempt[];
    const cost = attempts.reduce((sum, x) => sum + Number(x.cost_micro_usd), 0);
    const spend = (dump.rows.llm_budget_spend as Spend[]).filter((s) => s.scope_key.startsWith('pool:'));
    const backend = spend.find((s) => s.scope_key.startsWith('pool:backend:'))!;
    const acme = spend.find((s) => s.scope_key.startsWith('pool:acme:'))!;
    expect(Number(backend.spent_micro_usd)).toBe(cost);
    expect(Number(acme.spent_micro_usd)).toBe(cost);
    // spent: the limit was reached, passed by at most the calls already in flight (one per run)
    const maxCall = Math.max(...attempts.map((x) => Number(x.cost_micro_usd)));
    expect(cost).toBeGreaterThanOrEqual(40_000);
    expect(cost).toBeLessThanOrEqual(40_000 + 2 * maxCall);
    // more than one call fitted, and not every method was asked
    expect(attempts.length).toBeGreaterThan(2);
    const codes = [a.code, b.code];
    expect(codes).toContain(3);
    const stderr = a.stderr + b.stderr;
    expect(stderr).toContain('budget pool backend');
    for (const level of ['50%', '75%', '85%', '90%', '95%', '100%']) {
      expect(stderr.split(`budget pool backend reached ${level}`).length - 1).toBe(1);
    }
    expect(dump.text).not.toContain(KEY);
    // the HTML report shows the spend per pool and period
    const html = join(dir, 'report.html');
    const report = await runInProcess(['metrics', '--html', html, '--json'], { env: { HOME: dir, CI: '1', DATABASE_URL: db }, cwd: dir });
    expect(report.code).toBe(0);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('<h2>Spend per budget pool</h2>');
    const dollars = `$${(cost / 1e6).toFixed(2)}`;
    expect(page).toMatch(new RegExp(`<td>backend</td><td>\\d{4}-\\d{2}-\\d{2}</td><td>\\${dollars}</td>`));
    expect(page).toMatch(new RegExp(`<td>acme</td><td>\\d{4}-\\d{2}</td><td>\\${dollars}</td>`));
  }, 180_000);

  test('soft: once the pool is spent, both runs go on in the cheaper tier', async () => {
    const db = await freshDatabase('onexgen_pools');
    const dir = project('soft', 0.02);
    cheap.reset();
    const [a, b] = await Promise.all([run(dir, db, SPECS[0]!), run(dir, db, SPECS[1]!)]);
    expect([a.code, b.code].every((c) => c === 0 || c === 1)).toBe(true);
    const attempts = (await dumpDatabase(db)).rows.llm_call_attempts as Attempt[];
    expect(attempts.some((x) => x.model === 'gpt-4o')).toBe(true);
    expect(attempts.some((x) => x.model === 'gpt-4o-mini')).toBe(true);
    expect(cheap.requests.length).toBeGreaterThan(0);
    expect(a.stderr + b.stderr).toMatch(/budget pool backend .*cheaper tier local/);
  }, 180_000);
});
