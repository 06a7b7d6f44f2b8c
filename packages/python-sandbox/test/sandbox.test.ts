// Runs real child Pythons (CI has python3 ≥ 3.10): one warm sandbox for the file.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  it('resolves a dotted exception path that differs from the defining module', async () => {
    const result = await run('parse_json', [
      { given: { text: '{' }, raises: 'json.JSONDecodeError' },
      { given: { text: '{' }, raises: 'json.decoder.JSONDecodeError' },
      { given: { text: '{' }, raises: 'json.NoSuchError' },
      { given: { text: '[1]' }, expect: [1] },
    ]);
    expect(result.results.map((r) => r.outcome)).toEqual(['passed', 'passed', 'failed', 'passed']);
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

describe('where an exception came from', () => {
  it('tells the import, the construction and the method body apart', async () => {
    const node = (init: string, head = '') => ({
      'node.py': `${head}
from omnibase_core.nodes.node_compute import NodeCompute


class NodeX(NodeCompute):
    def __init__(self, container) -> None:
        super().__init__(container)
        ${init}

    def double(self, n: int) -> int:
        return n * 2 if n >= 0 else int("negative")
`,
    });
    const examples = [{ given: { n: 2 }, expect: 4 }, { given: { n: -1 }, expect: 0 }];
    const runNode = (files: Record<string, string>) => sandbox.runMethod({ files, module: 'node', className: 'NodeX', method: 'double', examples });
    const fine = await runNode(node('pass'));
    expect(fine.results.map((r) => [r.outcome, r.error?.phase])).toEqual([['passed', undefined], ['raised', 'call']]);
    // A ModelONEXContainer has no `value` (that is ModelContainer's field): the node cannot be built.
    const construct = await runNode(node('self.config = container.value'));
    expect(construct.results[0]!.error).toMatchObject({ type: 'AttributeError', phase: 'construct' });
    const imported = await runNode(node('pass', 'import a_module_nobody_installed'));
    expect(imported.results[0]!.error).toMatchObject({ type: 'ModuleNotFoundError', phase: 'import' });
    expect(imported.results[1]!.error!.phase).toBe('import');
  });
});

describe('arguments', () => {
  it('turns a given dict into the model a parameter is annotated with (also through Optional)', async () => {
    const price = { net: 10, tax: 2, gross: 12 };
    const result = await run('gross_of', [
      { given: { price }, expect: 12 },
      { given: { price, extra: price }, expect: 24 },
      { given: { price: { net: 10 } }, expect: 12 },
    ]);
    expect(result.results.map((r) => r.outcome)).toEqual(['passed', 'passed', 'raised']);
    expect(result.results[2]!.error!.phase).toBe('construct');
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

  it('stops at the method limit: the running example and the rest become timeouts', async () => {
    const result = await sandbox.runMethod({
      files,
      module: 'node',
      className: 'NodePricingCompute',
      method: 'spin',
      examples: [{ given: { n: 0 }, expect: 1 }, { given: { n: 0 }, expect: 1 }, { given: { n: -3 }, expect: -3 }],
      limits: { exampleTimeoutMs: 800, methodTimeoutMs: 1200 },
    });
    expect(result.results.map((r) => r.outcome)).toEqual(['timeout', 'timeout', 'timeout']);
    expect(result.results[0]!.error!.message).toContain('example time limit (800 ms)');
    expect(result.results[1]!.error!.message).toContain('method time limit (1200 ms) exceeded');
    expect(result.results[2]!.error!.message).toContain('method time limit (1200 ms) reached before this example ran');
  });

  it('stops a memory hog at the address-space limit', async () => {
    const small = await sandbox.runMethod({
      files,
      module: 'node',
      className: 'NodePricingCompute',
      method: 'hog',
      examples: [{ given: { megabytes: 2048 }, expect: 2048 }, { given: { megabytes: 8 }, expect: 8 }],
      // the time limits are generous on purpose: zero-filling 256 MB on a saturated CI machine took
      // longer than the 5 s default, and this test is about the memory limit, not time
      limits: { memoryBytes: 256 * 1024 * 1024, exampleTimeoutMs: 60_000, methodTimeoutMs: 120_000 },
    });
    expect(small.results[0]).toMatchObject({ outcome: 'raised', error: { type: 'MemoryError', phase: 'call' } });
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

  it('survives a body that kills the worker itself: crash now, a new worker for the next run', async () => {
    // With the same user as the worker (as nobody it could not signal a root worker at all).
    const own = await createSandbox({ python: process.env.ONEXGEN_TEST_PYTHON, dropPrivileges: false, limits: { exampleTimeoutMs: 1500 } });
    const runOwn = (method: string, examples: Parameters<Sandbox['runMethod']>[0]['examples']) =>
      own.runMethod({ files, module: 'node', className: 'NodePricingCompute', method, examples });
    try {
      const marker = join(tmpdir(), `onexgen-orphan-${process.pid}-${Date.now()}`);
      const result = await runOwn('kill_worker', [{ given: { marker }, expect: 'killed' }, { given: { marker }, expect: 'killed' }]);
      expect(result.results.map((r) => r.outcome)).toEqual(['crash', 'crash']);
      expect(result.results[0]!.error!.message).toContain('the Python worker exited (SIGKILL)');
      // The child died with its worker (PR_SET_PDEATHSIG): it never wrote the marker as an orphan.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(existsSync(marker)).toBe(false);
      const after = await runOwn('round_money', [{ given: { amount: 2.5 }, expect: 2.5 }]);
      expect(after.results[0]!.outcome).toBe('passed');
    } finally {
      await own.close();
    }
  });

  it('runs concurrent calls one after another on the one worker, each with its own results', async () => {
    const amounts = [1.111, 2.222, 3.333, 4.444];
    const runs = await Promise.all(amounts.map((amount) => run('round_money', [{ given: { amount }, expect: Math.round(amount * 100) / 100 }])));
    expect(runs.map((r) => [r.passed, r.results[0]!.actual])).toEqual([
      [1, '1.11'],
      [1, '2.22'],
      [1, '3.33'],
      [1, '4.44'],
    ]);
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

  it('redacts a secret a body read from a file, in results and output', async () => {
    const file = join(tmpdir(), `onexgen-secret-${process.pid}.cfg`);
    writeFileSync(file, `api_key = ${FAKE_KEY}\n`);
    try {
      const result = await run('read_file', [{ given: { path: file }, expect: 'nothing' }]);
      expect(result.results[0]!.actual).toBe("'api_key = [REDACTED]\\n'");
      expect(result.output).toContain('api_key = [REDACTED]');
      expect(JSON.stringify(result)).not.toContain(FAKE_KEY);
    } finally {
      rmSync(file, { force: true });
    }
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
        expect(result.notes).not.toContain('network not isolated');
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

describe('I/O libraries generated code imports', () => {
  // pattern bodies import asyncpg for `except asyncpg.PostgresError`; without asyncpg installed the
  // node module failed to import and a correct body was reported as a crash
  const asyncpgNode = {
    'node.py': `
import asyncpg

from omnibase_core import EnumCoreErrorCode, ModelOnexError
from omnibase_core.models.container.model_onex_container import ModelONEXContainer
from omnibase_core.nodes.node_effect import NodeEffect


class NodeUserStoreEffect(NodeEffect):
    def __init__(self, container: ModelONEXContainer) -> None:
        super().__init__(container)
        self.pool = container.get_service("database_pool")

    async def get_user(self, user_id: int) -> dict:
        try:
            async with self.pool.acquire() as conn:
                row = await conn.fetchrow("SELECT id, name FROM users WHERE id = $1", user_id)
        except asyncpg.PostgresError as exc:
            raise ModelOnexError(message=str(exc), error_code=EnumCoreErrorCode.DATABASE_OPERATION_ERROR) from exc
        if row is None:
            raise ModelOnexError(message=f"user {user_id} not found", error_code=EnumCoreErrorCode.RESOURCE_NOT_FOUND)
        return dict(row)

    async def connect_directly(self) -> str:
        try:
            await asyncpg.create_pool(dsn="postgresql://db/users")
        except (OSError, asyncpg.PostgresError) as exc:
            return type(exc).__name__
        return "connected"

    def hierarchy(self) -> list:
        return [issubclass(asyncpg.UniqueViolationError, asyncpg.PostgresError), issubclass(asyncpg.exceptions.UniqueViolationError, asyncpg.IntegrityConstraintViolationError)]
`,
  };
  const run = (method: string, examples: Parameters<Sandbox['runMethod']>[0]['examples']) =>
    sandbox.runMethod({ files: asyncpgNode, module: 'node', className: 'NodeUserStoreEffect', method, examples });

  it('a body importing asyncpg runs (the interpreter\'s asyncpg, else the stand-in) and its except clauses work', async () => {
    const found = await run('get_user', [
      { given: { user_id: 7 }, io: { fetchrow: [{ id: 7, name: 'Ada' }] }, expect: { id: 7, name: 'Ada' } },
      { given: { user_id: 8 }, io: { fetchrow: [null] }, raises: 'RESOURCE_NOT_FOUND' },
    ]);
    expect(found.results.map((r) => r.outcome)).toEqual(['passed', 'passed']);
    expect((await run('hierarchy', [{ given: {}, expect: [true, true] }])).results[0]!.outcome).toBe('passed');
  });

  it('the stand-in never reaches a server: a direct pool fails as an unreachable one does', async () => {
    const hasRealAsyncpg = spawnSync(process.env.ONEXGEN_TEST_PYTHON ?? 'python3', ['-c', 'import asyncpg'], { stdio: 'ignore' }).status === 0;
    const result = await run('connect_directly', [{ given: {}, expect: 'ConnectionRefusedError' }]);
    if (hasRealAsyncpg) expect(['passed', 'failed']).toContain(result.results[0]!.outcome);
    else expect(result.results[0]!.outcome).toBe('passed');
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
