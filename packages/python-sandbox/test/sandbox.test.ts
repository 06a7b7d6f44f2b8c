// Runs real child Pythons (CI has python3 ≥ 3.10): one warm sandbox for the file.
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createSandbox, type MethodRun, type Sandbox } from '@onexgen/python-sandbox';
import { computeNode, effectNode, priceModel } from './nodes.js';

const FAKE_KEY = 'sk-test-4f1c2a9e0b7d6c5a';
let sandbox: Sandbox;
let files: Record<string, string>;

beforeAll(async () => {
  process.env.OPENAI_API_KEY = FAKE_KEY;
  process.env.ONEXGEN_TEST_SECRET_HOLDER = `prefix-${FAKE_KEY}`;
  // ONEXGEN_TEST_PYTHON picks another interpreter (e.g. one without pydantic); default: PATH's.
  sandbox = await createSandbox({ python: process.env.ONEXGEN_TEST_PYTHON, secrets: [FAKE_KEY], limits: { exampleTimeoutMs: 1500 } });
  if (!sandbox.available) throw new Error(`the sandbox needs python3 ≥ 3.10 on PATH: ${sandbox.unavailableReason}`);
  files = { ...computeNode, ...priceModel(sandbox.pydantic === true) };
});

afterAll(async () => {
  delete process.env.OPENAI_API_KEY;
  delete process.env.ONEXGEN_TEST_SECRET_HOLDER;
  await sandbox.close();
});

const run = (method: string, examples: Parameters<Sandbox['runMethod']>[0]['examples']): Promise<MethodRun> =>
  sandbox.runMethod({ files, module: 'node', className: 'NodePricingCompute', method, examples });

describe('outcomes', () => {
  it('passes a met expectation and fails a wrong one with expected vs actual', async () => {
    const result = await run('round_money', [
      { name: 'two places', given: { amount: 10.456 }, expect: 10.46 },
      { given: { amount: 10.456 }, expect: 10.45 },
    ]);
    expect(result.status).toBe('ran');
    expect(result.results.map((r) => r.outcome)).toEqual(['passed', 'failed']);
    expect(result.results[0]!.name).toBe('two places');
    expect(result.results[1]).toMatchObject({ expected: 10.45, actual: '10.46', given: { amount: 10.456 } });
    expect([result.passed, result.failed]).toEqual([1, 1]);
  });

  it('compares floats with a relative tolerance of 1e-6, not exactly', async () => {
    const result = await run('apply_discount', [
      { given: { amount: 0.3, percent: 0 }, expect: 0.1 + 0.2 },
      { given: { amount: 100, percent: 10 }, expect: 90.0001 },
    ]);
    expect(result.results.map((r) => r.outcome)).toEqual(['passed', 'failed']);
  });

  it('awaits async methods and matches an ONEX error code', async () => {
    const result = await run('apply_discount', [
      { given: { amount: 50, percent: 20 }, expect: 40 },
      { given: { amount: 50, percent: 120 }, raises: 'PARAMETER_OUT_OF_RANGE' },
      { given: { amount: 50, percent: 120 }, raises: 'INVALID_INPUT' },
      { given: { amount: 50, percent: 120 }, expect: 0 },
    ]);
    expect(result.results.map((r) => r.outcome)).toEqual(['passed', 'passed', 'failed', 'raised']);
    expect(result.results[3]!.error).toMatchObject({
      type: 'omnibase_core.models.errors.model_onex_error.ModelOnexError',
      code: 'PARAMETER_OUT_OF_RANGE',
      message: 'percent must be within 0..100, got 120',
    });
  });

  it('matches builtin exception classes by name, including a base class and a dotted path', async () => {
    const result = await run('parse_quantity', [
      { given: { text: 'seven' }, raises: 'ValueError' },
      { given: { text: 'seven' }, raises: 'Exception' },
      { given: { text: 'seven' }, raises: 'builtins.ValueError' },
      { given: { text: 'seven' }, raises: 'KeyError' },
      { given: { text: '7' }, raises: 'ValueError' },
      { given: { text: '7' }, expect: 7 },
    ]);
    expect(result.results.map((r) => r.outcome)).toEqual(['passed', 'passed', 'passed', 'failed', 'failed', 'passed']);
    expect(result.results[3]!.error?.type).toBe('ValueError');
    expect(result.results[4]!.actual).toBe('7');
  });

  it('compares a returned model as plain data (pydantic model_dump or dataclass)', async () => {
    const result = await run('price', [
      { given: { net: 100, tax_rate: 0.2 }, expect: { net: 100, tax: 20, gross: 120 } },
      { given: { net: 100, tax_rate: 0.2 }, expect: { net: 100, tax: 20, gross: 121 } },
    ]);
    expect(result.results.map((r) => r.outcome)).toEqual(['passed', 'failed']);
    expect(result.results[1]!.actual).toContain("'gross': 120");
  });
});

describe('limits', () => {
  it('kills a never-ending loop at the example limit and runs the next example', async () => {
    const result = await run('spin', [
      { given: { n: 0 }, expect: 1 },
      { given: { n: -5 }, expect: -5 },
    ]);
    expect(result.results[0]).toMatchObject({ outcome: 'timeout', error: { type: 'Timeout' } });
    expect(result.results[0]!.durationMs).toBeGreaterThanOrEqual(1500);
    expect(result.results[1]!.outcome).toBe('passed');
  });

  it('stops a memory hog at the address-space limit', async () => {
    const small = await sandbox.runMethod({
      files,
      module: 'node',
      className: 'NodePricingCompute',
      method: 'hog',
      examples: [{ given: { megabytes: 2048 }, expect: 2048 }, { given: { megabytes: 8 }, expect: 8 }],
      limits: { memoryBytes: 512 * 1024 * 1024 },
    });
    expect(small.results[0]).toMatchObject({ outcome: 'raised', error: { type: 'MemoryError' } });
    expect(small.results[1]!.outcome).toBe('passed');
  });

  it('reports a child that dies as a crash and goes on', async () => {
    const result = await run('die', [{ given: { status: 3 }, expect: null }, { given: { status: 0 }, expect: null }]);
    expect(result.results[0]).toMatchObject({ outcome: 'crash', error: { type: 'Crash' } });
    expect(result.results[0]!.error!.message).toContain('status 3');
    expect(result.results[1]!.outcome).toBe('crash');
    const after = await run('round_money', [{ given: { amount: 1 }, expect: 1 }]);
    expect(after.results[0]!.outcome).toBe('passed');
  });

  it('caps captured output at outputBytes', async () => {
    const result = await sandbox.runMethod({
      files,
      module: 'node',
      className: 'NodePricingCompute',
      method: 'chatty',
      examples: [{ given: { lines: 10 }, expect: 10 }, { given: { lines: 10_000 }, expect: 10_000 }],
      limits: { outputBytes: 4096 },
    });
    expect(result.results[0]!.outcome).toBe('passed');
    expect(result.results[1]).toMatchObject({ outcome: 'raised', error: { type: 'OSError' } });
    expect(result.output!.length).toBeLessThanOrEqual(4096);
    expect(result.output).toContain('line 0');
  });
});

describe('isolation', () => {
  it('gives the child no API key and no value listed in secrets', async () => {
    const result = await run('environment', [{ given: {}, expect: {} }]);
    const actual = result.results[0]!.actual!;
    expect(actual).toContain("'PATH'");
    expect(actual).not.toContain('OPENAI_API_KEY');
    expect(actual).not.toContain('ONEXGEN_TEST_SECRET_HOLDER');
    expect(actual).not.toContain(FAKE_KEY);
  });

  it('refuses a run whose files carry a secret value', async () => {
    await expect(
      sandbox.runMethod({ files: { ...files, 'leak.py': `KEY = "${FAKE_KEY}"\n` }, module: 'node', className: 'NodePricingCompute', method: 'round_money', examples: [] }),
    ).rejects.toThrow("run.files['leak.py'] holds a value listed in secrets");
  });

  it('cuts the network where the kernel allows a network namespace', async () => {
    let namespaces = true;
    try {
      execFileSync('unshare', [process.getuid?.() === 0 ? '-n' : '-rn', 'true'], { stdio: 'ignore' });
    } catch {
      namespaces = false;
    }
    const server: Server = createServer((socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const result = await run('connect', [{ given: { port }, expect: 'connected' }]);
      expect(result.networkIsolated).toBe(namespaces);
      if (namespaces) {
        expect(result.results[0]).toMatchObject({ outcome: 'raised', error: { type: expect.stringMatching(/Error$/) } });
        expect(result.notes).toEqual([]);
      } else {
        expect(result.results[0]!.outcome).toBe('passed');
        expect(result.notes).toContain('network not isolated');
      }
    } finally {
      server.close();
    }
  });
});

describe('effect nodes', () => {
  const runEffect = (method: string, examples: Parameters<Sandbox['runMethod']>[0]['examples']) =>
    sandbox.runMethod({ files: effectNode, module: 'node', className: 'NodeUserStoreEffect', method, examples });

  it('answers pool queries from the example io and records the calls', async () => {
    const result = await runEffect('get_user', [
      { given: { user_id: 7 }, io: { fetchrow: [{ id: 7, name: 'Ada' }] }, expect: { id: 7, name: 'Ada' } },
      { given: { user_id: 8 }, raises: 'RESOURCE_NOT_FOUND' },
    ]);
    expect(result.results.map((r) => r.outcome)).toEqual(['passed', 'passed']);
    expect(result.results[0]!.calls).toEqual([
      { double: 'database_pool', method: 'acquire', args: [] },
      { double: 'database_pool', method: 'fetchrow', args: ['SELECT id, name FROM users WHERE id = $1', 7] },
      { double: 'database_pool', method: 'release', args: [] },
    ]);
  });

  it('runs transactions on the recording connection', async () => {
    const result = await runEffect('create_user', [{ given: { name: 'Grace' }, io: { fetchval: [42] }, expect: 42 }]);
    expect(result.results[0]!.outcome).toBe('passed');
    expect(result.results[0]!.calls!.map((c) => c.method)).toEqual([
      'acquire',
      'transaction',
      'transaction.start',
      'fetchval',
      'transaction.commit',
      'release',
    ]);
  });
});

describe('input', () => {
  it('rejects a file path outside the package, naming the field', async () => {
    await expect(
      sandbox.runMethod({ files: { '../evil.py': '' }, module: 'node', className: 'X', method: 'y', examples: [] }),
    ).rejects.toThrow(/run\.files.*relative path inside the package/);
  });

  it('honours an AbortSignal', async () => {
    const controller = new AbortController();
    const pending = run('spin', [{ given: { n: 0 }, expect: 1 }]);
    const aborted = sandbox.runMethod({
      files,
      module: 'node',
      className: 'NodePricingCompute',
      method: 'spin',
      examples: [{ given: { n: 0 }, expect: 1 }],
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 50);
    await expect(aborted).rejects.toThrow();
    expect((await pending).results[0]!.outcome).toBe('timeout');
  });
});
