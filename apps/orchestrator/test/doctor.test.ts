// `onexgen doctor` in-process against llm-sim over real HTTP and a real PGlite on disk: a healthy
// provider answers with its cost, a broken one (401, nothing listening, key missing) fails with its
// fix, the database is checked without being created, and the key is never printed.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { startLlmSim, type LlmSim } from '@onexgen/llm-sim';
import { checkNode, NODE_RANGE } from '../src/doctor/checks.js';
import { runInProcess } from './helpers/run-in-process.js';

// each test runs the CLI (database, sandbox, model calls): minutes, not seconds, on a loaded machine
jest.setTimeout(120_000);

const KEY = 'sk-onexgen-doctor-SECRET-4242';
const tmp = mkdtempSync(join(tmpdir(), 'onexgen-doctor-'));
const db = join(tmp, 'db');
let healthy: LlmSim;
let refusing: LlmSim;

beforeAll(async () => {
  healthy = await startLlmSim({ scenario: { text: 'OK' } });
  refusing = await startLlmSim({ scenario: { script: [{ kind: 'error', status: 401, message: 'invalid api key', times: 1000 }] } });
});
afterAll(async () => {
  await Promise.all([healthy.close(), refusing.close()]);
  rmSync(tmp, { recursive: true, force: true });
});

const doctor = (argv: string[], env: Record<string, string> = {}) =>
  runInProcess(['doctor', '--json', '--db', db, ...argv], { env: { HOME: tmp, CI: '1', PATH: process.env.PATH ?? '', ...env }, cwd: tmp });

type Check = { name: string; status: string; detail: string; fix?: string; probe?: { costMicros?: number; inputTokens?: number } };
const byName = (json: { checks: Check[] }, prefix: string) => json.checks.filter((c) => c.name.startsWith(prefix));

describe('onexgen doctor', () => {
  test('a missing database fails with its fix and is not created; db migrate makes it pass', async () => {
    const before = await doctor(['--no-providers']);
    expect(before.code).toBe(1);
    const json = JSON.parse(before.stdout);
    const [database] = byName(json, 'database');
    expect(database).toMatchObject({ status: 'fail' });
    expect(database!.fix).toContain('onexgen db migrate');
    // Node 20 runs but is past its upstream end of life: a warning, never a failure
    expect(byName(json, 'node')[0]).toMatchObject({ status: process.versions.node.startsWith('20.') ? 'warn' : 'ok' });
    expect((await runInProcess(['db', 'migrate', '--db', db], { env: { HOME: tmp, CI: '1' }, cwd: tmp })).code).toBe(0);
  });

  test('a healthy provider: key present, one request answered with its tokens and cost; everything ok → exit 0', async () => {
    const r = await doctor(['--provider', 'openai-compatible', '--base-url', `${healthy.url}/v1`, '--model', 'gpt-4o-mini'], { ONEXGEN_API_KEY: KEY });
    expect(r.stderr).toBe('');
    const json = JSON.parse(r.stdout) as { ok: boolean; checks: Check[] };
    const [provider] = byName(json, 'provider');
    expect(provider).toMatchObject({ status: 'ok', name: 'provider openai-compatible gpt-4o-mini' });
    expect(provider!.detail).toContain('key from ONEXGEN_API_KEY present');
    expect(provider!.probe!.inputTokens).toBeGreaterThan(0);
    // gpt-4o-mini is priced in the catalog: a non-zero cost for the request made
    expect(provider!.probe!.costMicros).toBeGreaterThan(0);
    expect(byName(json, 'database')[0]).toMatchObject({ status: 'ok' });
    expect(healthy.requests.filter((q) => q.path.endsWith('/chat/completions'))).toHaveLength(1);
    // the key went to the provider, never to the output
    expect(healthy.requests[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(r.stdout).not.toContain(KEY);
    const python = byName(json, 'python')[0]!;
    // the machine may lack Python; then the check must say how to get it and fail the run
    if (python.status === 'ok') {
      expect(byName(json, 'onex runtime')[0]).toMatchObject({ status: 'ok' });
      expect(r.code).toBe(0);
      expect(json.ok).toBe(true);
    } else {
      expect(python.fix).toContain('Python');
      expect(r.code).toBe(1);
    }
  });

  test('a provider refusing the key, one not listening, and a missing key each fail with a fix (text output)', async () => {
    const refused = await doctor(['--provider', 'openai-compatible', '--base-url', `${refusing.url}/v1`], { ONEXGEN_API_KEY: KEY });
    expect(refused.code).toBe(1);
    const provider = byName(JSON.parse(refused.stdout), 'provider')[0]!;
    expect(provider).toMatchObject({ status: 'fail' });
    expect(provider.detail).toContain('auth');
    expect(provider.fix).toContain('ONEXGEN_API_KEY');
    expect(refused.stdout).not.toContain(KEY);

    const closed = await startLlmSim({});
    const url = closed.url;
    await closed.close();
    const text = await runInProcess(['doctor', '--db', db, '--provider', 'ollama', '--base-url', url], { env: { HOME: tmp, CI: '1', PATH: process.env.PATH ?? '' }, cwd: tmp });
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/FAIL provider ollama .*network/);
    expect(text.stdout).toContain(`fix: nothing answered at ${url}`);
    expect(text.stdout).toMatch(/ok {3}database: .*migrated/);

    const missing = await doctor([], { ZAI_API_KEY: '' , ONEXGEN_PROVIDER: 'anthropic' });
    expect(missing.code).toBe(1);
    const anthropic = byName(JSON.parse(missing.stdout), 'provider')[0]!;
    expect(anthropic).toMatchObject({ status: 'fail' });
    expect(anthropic.fix).toMatch(/set (ONEXGEN_API_KEY|ANTHROPIC_API_KEY)/);
  });
});

describe('the Node check follows engines', () => {
  test('the range it judges is the one package.json declares', () => {
    const manifest = JSON.parse(readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8')) as { engines: { node: string } };
    expect(manifest.engines.node).toBe(NODE_RANGE);
  });

  test.each([
    ['18.20.4', 'fail'],
    ['20.10.0', 'fail'],
    ['20.11.0', 'warn'],
    ['20.20.2', 'warn'],
    ['21.7.3', 'fail'],
    ['22.0.0', 'ok'],
    ['24.21.0', 'ok'],
    ['26.10.0', 'ok'],
  ])('Node %s → %s', (version, status) => {
    const check = checkNode(version);
    expect(check.status).toBe(status);
    if (status !== 'ok') expect(check.fix).toContain('Node 22 or 24');
  });
});
