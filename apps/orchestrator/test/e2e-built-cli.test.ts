// End to end: the built CLI as a child process, llm-sim over real HTTP, PGlite on disk.
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startLlmSim, type LlmSim } from '@onexgen/llm-sim';
import { expectOnlyStubsChanged } from './helpers/bytes.js';
import { dumpDatabase } from './helpers/db-dump.js';
import { assertBuilt, runBuiltCli, startBuiltCli } from './helpers/run-built-cli.js';
import { goodResponder } from './helpers/sim.js';

const EXAMPLES = fileURLToPath(new URL('../../../examples/', import.meta.url));
const SPECS = ['specs/postgres-user-store-effect.yaml', 'specs/price-calculator-compute.yaml', 'specs/event-counter-reducer.yaml', 'specs/order-workflow-orchestrator.yaml'].map((f) => join(EXAMPLES, f));
const STUBBED = join(EXAMPLES, 'stubbed', 'node_inventory_effect.py');
const KEY = 'sk-onexgen-e2e-SECRET-9001';
const tmp = mkdtempSync(join(tmpdir(), 'onexgen-e2e-'));
let sim: LlmSim;

beforeAll(async () => {
  assertBuilt();
  sim = await startLlmSim({ scenario: { responder: goodResponder } });
});
afterAll(async () => {
  await sim.close();
  rmSync(tmp, { recursive: true, force: true });
});

function filesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).map((f) => join(dir, f)).filter((f) => f.endsWith('.py') || f.endsWith('.yaml') || f.endsWith('.md'));
}

describe('the built onexgen CLI', () => {
  test("the README's first command: an offline generation with no key, embedded database", async () => {
    const dir = mkdtempSync(join(tmp, 'readme-'));
    const run = await runBuiltCli(['generate', join(EXAMPLES, 'specs/postgres-user-store-effect.yaml'), '--out', 'out/', '--offline'], { cwd: dir, env: { HOME: dir } });
    expect(run.stderr).toBe('');
    // offline, every method of this CRUD spec gets pattern code: exit 0, honest per-method verdicts
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('out/node_user_store_effect');
    expect(run.stdout).toContain('offline: no LLM was used');
    expect(run.stdout).toMatch(/metrics: session [0-9a-f-]{36} recorded in .*\.onexgen\/db/);
    expect(run.stdout).toMatch(/NodeUserStoreEffect\.execute_effect: passed-static \(pattern, score 1\.00\) CRUD pattern/);
    for (const [op, kind] of [['create_user', 'create'], ['get_user', 'read'], ['update_user', 'update'], ['delete_user', 'delete']]) {
      expect(run.stdout).toMatch(new RegExp(`NodeUserStoreEffect\\.${op}: passed-static \\(pattern, score [0-9.]+\\) CRUD ${kind} operation`));
    }
    expect(run.stdout).toContain('5 methods: 5 passed-static');
    expect(run.stdout).not.toMatch(/: (incomplete|failed|passed) \(/);
    const node = readFileSync(join(dir, 'out', 'node_user_store_effect', 'node.py'), 'utf8');
    expect(node).toContain('class NodeUserStoreEffect(NodeEffect):');
    expect(node).not.toContain('IMPLEMENTATION REQUIRED');
    expect(node).not.toContain('SELECT 1');
    expect(node).toContain('"INSERT INTO users (data) VALUES ($1::jsonb) RETURNING id, data"');
    expect(node).toMatch(/async def get_user\(self, input_data: dict\[str, Any\]\) -> dict\[str, Any\]:[\s\S]*?error_code=EnumCoreErrorCode\.RESOURCE_NOT_FOUND/);
    expect(node).toContain('"get_user": self.get_user,');
  }, 300_000);

  test('generate: every node type through the model, --json per method, attempts recorded, the key nowhere but the provider', async () => {
    const dir = mkdtempSync(join(tmp, 'gen-'));
    const run = await runBuiltCli(
      ['generate', ...SPECS, '--out', 'out', '--json', '--provider', 'openai-compatible', '--base-url', `${sim.url}/v1`, '--model', 'glm-4.5'],
      { cwd: dir, env: { HOME: dir, CI: '1', ONEXGEN_API_KEY: KEY } },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['sessionId', 'offline', 'exitCode', 'nodes', 'totals', 'database']));
    const methods = json.nodes.flatMap((n: { methods: Record<string, unknown>[] }) => n.methods);
    for (const m of methods) {
      expect(Object.keys(m)).toEqual(expect.arrayContaining(['class', 'name', 'strategy', 'attempts', 'passed', 'score', 'tokens', 'cost', 'latency', 'issues']));
    }
    expect(methods.filter((m: { strategy: string }) => m.strategy === 'llm').length).toBeGreaterThanOrEqual(11);
    // the embedded default database: .onexgen/db in the working directory
    const db = await dumpDatabase(join(dir, '.onexgen', 'db'));
    expect(db.counts.llm_call_attempts).toBe(sim.requests.length);
    expect(db.text).not.toContain(KEY);
    expect(run.stdout).not.toContain(KEY);
    for (const f of filesUnder(join(dir, 'out'))) expect(readFileSync(f, 'utf8')).not.toContain(KEY);
    for (const node of readdirSync(join(dir, 'out'))) {
      const py = readFileSync(join(dir, 'out', node, 'node.py'), 'utf8');
      expect(py).not.toContain('# IMPLEMENTATION REQUIRED');
    }
  }, 300_000);

  test('fill --in-place offline: the summary says no LLM was used; only stub bodies and the import block change', async () => {
    const dir = mkdtempSync(join(tmp, 'fill-'));
    const target = join(dir, 'node_inventory_effect.py');
    copyFileSync(STUBBED, target);
    const run = await runBuiltCli(['fill', 'node_inventory_effect.py', '--in-place'], { cwd: dir, env: { HOME: dir, CI: '1' } });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('offline: no LLM was used');
    expect(run.stdout).toMatch(/metrics: session [0-9a-f-]{36} recorded in .*\.onexgen\/db/);
    const original = readFileSync(STUBBED, 'utf8');
    const filled = readFileSync(target, 'utf8');
    expect(filled).not.toBe(original);
    await expectOnlyStubsChanged(original, filled);
    expect(filled).toContain('    def on_shutdown(self) -> None:\n        """Nothing to release: a legitimate no-op, not a stub."""\n        pass\n');
    expect(filled).toContain('class Cache[K, V]:');
  }, 300_000);

  test('a bad spec exits 2 with the path of the bad field and writes nothing', async () => {
    const dir = mkdtempSync(join(tmp, 'bad-'));
    writeFileSync(join(dir, 'bad.yaml'), 'name: svc\nnode_type: effect\ndescription: d\nperformance:\n  latency_ms: -5\n');
    const run = await runBuiltCli(['generate', 'bad.yaml', '--out', 'out'], { cwd: dir, env: { HOME: dir, CI: '1' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('bad.yaml: performance.latency_ms');
    expect(existsSync(join(dir, 'out'))).toBe(false);
    expect(existsSync(join(dir, '.onexgen'))).toBe(false);
  }, 120_000);

  test('validate runs the response-validator CLI with its exit code', async () => {
    const dir = mkdtempSync(join(tmp, 'val-'));
    writeFileSync(join(dir, 'bad.py'), 'def f(:\n');
    const bad = await runBuiltCli(['validate', 'bad.py', '--format', 'json'], { cwd: dir, env: { HOME: dir, CI: '1' } });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('syntax');
  }, 120_000);

  test('an interrupted fill --in-place leaves its input untouched and says so (exit 3)', async () => {
    const dir = mkdtempSync(join(tmp, 'int-'));
    const target = join(dir, 'node_inventory_effect.py');
    copyFileSync(STUBBED, target);
    const slow = await startLlmSim({ scenario: { responder: goodResponder, latencyMs: 60_000 } });
    try {
      const { child, done } = startBuiltCli(['fill', 'node_inventory_effect.py', '--in-place', '--provider', 'openai-compatible', '--base-url', `${slow.url}/v1`], {
        cwd: dir,
        env: { HOME: dir, CI: '1' },
      });
      while (slow.requests.length === 0) await new Promise((r) => setTimeout(r, 100));
      child.kill('SIGTERM');
      const run = await done;
      expect(run.code).toBe(3);
      expect(run.stdout).toContain('interrupted');
      expect(readFileSync(target, 'utf8')).toBe(readFileSync(STUBBED, 'utf8'));
      expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
    } finally {
      await slow.close();
    }
  }, 300_000);
});
