// createSandbox: find Python, check network isolation once, start the warm worker; runMethod:
// write the node package to a fresh temp dir, run its examples in a limited child, map results.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { MethodExample } from '@onexgen/onex';
import { childEnvironment, findSecret, probeEnvironment, redactSecrets } from './child-env.js';
import { SandboxError } from './errors.js';
import { findPython } from './find-python.js';
import { detectNetworkIsolation, type Isolation } from './isolation.js';
import {
  DEFAULT_LIMITS,
  describeZodError,
  runMethodSchema,
  sandboxOptionsSchema,
  type RunMethodInput,
  type SandboxLimits,
  type SandboxOptions,
} from './options.js';
import type { ExampleResult, MethodRun, PythonInfo } from './results.js';
import { WorkerProcess, type WorkerExampleResult, type WorkerReady } from './worker-process.js';

export const NETWORK_NOT_ISOLATED = 'network not isolated';
export const RUNS_AS_ROOT = 'user code runs as root';
const DEFAULT_PACKAGE = 'node_under_test';

export interface Sandbox {
  readonly available: boolean;
  /** Why behaviour cannot be checked (no Python ≥ 3.10, worker failed to start, …). */
  readonly unavailableReason?: string;
  readonly python?: PythonInfo;
  /** The ONEX runtime the worker loaded (known once available). */
  readonly runtime?: 'stand-in' | 'real';
  readonly networkIsolated: boolean;
  /** Why the network is not isolated, when it is not. */
  readonly networkReason?: string;
  readonly pydantic?: boolean;
  /**
   * Who runs the user's code: `dropped` (the worker is root, children switch to nobody),
   * `root` (the worker is root and could not switch: see privilegesReason), `unprivileged`.
   */
  readonly privileges?: 'dropped' | 'root' | 'unprivileged';
  readonly privilegesReason?: string;
  readonly limits: SandboxLimits;
  runMethod(input: RunMethodInput): Promise<MethodRun>;
  close(): Promise<void>;
}

export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const parsed = sandboxOptionsSchema.safeParse(options);
  if (!parsed.success) throw new SandboxError('INVALID_OPTIONS', describeZodError(parsed.error, 'options'));
  const opts = parsed.data;
  const secrets = opts.secrets ?? [];
  const limits: SandboxLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  const env = childEnvironment(process.env, secrets);

  const found = await findPython(opts.python, probeEnvironment(process.env, secrets));
  if ('reason' in found) return new UnavailableSandbox(found.reason, limits);
  const isolation: Isolation =
    opts.network === 'off' ? { prefix: [], isolated: false, reason: 'disabled by options' } : await detectNetworkIsolation(env);
  const start = () =>
    WorkerProcess.start({ python: found.python.path, runtime: opts.runtime, prefix: isolation.prefix, env, dropPrivileges: opts.dropPrivileges });
  try {
    const { worker, ready } = await start();
    return new WorkerSandbox(worker, ready, isolation, limits, secrets, start);
  } catch (error) {
    const reason = opts.runtime === 'real' ? `runtime 'real' needs omnibase_core importable by ${found.python.path}: ${(error as Error).message}` : (error as Error).message;
    return new UnavailableSandbox(reason, limits, found.python);
  }
}

function summarise(results: ExampleResult[]): { passed: number; failed: number } {
  const passed = results.filter((r) => r.outcome === 'passed').length;
  return { passed, failed: results.length - passed };
}

class UnavailableSandbox implements Sandbox {
  readonly available = false;
  readonly networkIsolated = false;

  constructor(
    readonly unavailableReason: string,
    readonly limits: SandboxLimits,
    readonly python?: PythonInfo,
  ) {}

  async runMethod(input: RunMethodInput): Promise<MethodRun> {
    const parsed = runMethodSchema.safeParse(input);
    if (!parsed.success) throw new SandboxError('INVALID_RUN', describeZodError(parsed.error, 'run'));
    return {
      status: 'unavailable',
      unavailableReason: this.unavailableReason,
      networkIsolated: false,
      runtime: 'stand-in',
      results: [],
      passed: 0,
      failed: 0,
      durationMs: 0,
      python: this.python,
      notes: [this.unavailableReason],
    };
  }

  async close(): Promise<void> {}
}

class WorkerSandbox implements Sandbox {
  readonly available = true;
  readonly runtime: 'stand-in' | 'real';
  readonly python: PythonInfo;
  readonly pydantic: boolean;
  readonly privileges: 'dropped' | 'root' | 'unprivileged';
  readonly privilegesReason?: string;
  private closed = false;

  constructor(
    private worker: WorkerProcess,
    ready: WorkerReady,
    private readonly isolation: Isolation,
    readonly limits: SandboxLimits,
    private readonly secrets: string[],
    private readonly restart: () => Promise<{ worker: WorkerProcess }>,
  ) {
    this.runtime = ready.runtime;
    this.python = { path: ready.executable, version: ready.version };
    this.pydantic = ready.pydantic;
    this.privileges = ready.privileges;
    if (ready.privilegesReason !== undefined) this.privilegesReason = ready.privilegesReason;
  }

  get networkIsolated(): boolean {
    return this.isolation.isolated;
  }

  get networkReason(): string | undefined {
    return this.isolation.reason;
  }

  async runMethod(input: RunMethodInput): Promise<MethodRun> {
    if (this.closed) throw new SandboxError('CLOSED', 'the sandbox is closed');
    const parsed = runMethodSchema.safeParse(input);
    if (!parsed.success) throw new SandboxError('INVALID_RUN', describeZodError(parsed.error, 'run'));
    const run = parsed.data;
    const leak = findSecret(run.files, run.examples, this.secrets);
    if (leak) throw new SandboxError('INVALID_RUN', `run.${leak} holds a value listed in secrets; it is not sent to the child`);
    run.signal?.throwIfAborted();
    const limits: SandboxLimits = { ...this.limits, ...run.limits };
    const started = performance.now();
    const dir = await mkdtemp(join(tmpdir(), 'onexgen-sandbox-'));
    try {
      const packageName = run.packageName ?? DEFAULT_PACKAGE;
      const packageDir = join(dir, 'pkg', packageName);
      const workDir = join(dir, 'work');
      await mkdir(workDir, { recursive: true });
      await writePackage(packageDir, run.files);
      if (!this.worker.alive) this.worker = (await this.restart()).worker;
      const answer = await this.worker
        .run(
          {
            packageParent: join(dir, 'pkg'),
            packageName,
            workDir,
            module: run.module,
            className: run.className,
            method: run.method,
            examples: run.examples,
            limits: { ...limits },
          },
          limits.methodTimeoutMs,
          run.signal,
        )
        .catch((error: Error) => ({ event: 'failed' as const, error }));
      run.signal?.throwIfAborted();
      const raw: Array<WorkerExampleResult | undefined> =
        answer.event === 'done' ? answer.results : run.examples.map(() => undefined);
      const failure = answer.event === 'failed' ? answer.error.message : 'the run was cancelled';
      const results = redactSecrets(
        run.examples.map((example, index) => toResult(example, index, raw[index], failure)),
        this.secrets,
      );
      return {
        status: 'ran',
        networkIsolated: this.isolation.isolated,
        runtime: this.runtime,
        results,
        ...summarise(results),
        durationMs: Math.round((performance.now() - started) * 1000) / 1000,
        python: this.python,
        output: answer.event === 'done' ? redactSecrets(answer.output, this.secrets) : undefined,
        notes: [
          ...(this.isolation.isolated ? [] : [NETWORK_NOT_ISOLATED]),
          ...(this.privileges === 'root' ? [`${RUNS_AS_ROOT}: ${this.privilegesReason}`] : []),
          ...(answer.event === 'done' ? (answer.notes ?? []) : []),
        ],
      };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.worker.close();
  }
}

async function writePackage(packageDir: string, files: Record<string, string>): Promise<void> {
  await mkdir(packageDir, { recursive: true });
  const all = { '__init__.py': '', ...files };
  for (const [path, text] of Object.entries(all)) {
    const target = join(packageDir, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, text);
  }
}

function toResult(example: MethodExample, index: number, raw: WorkerExampleResult | undefined, failure: string): ExampleResult {
  const base: ExampleResult = {
    index,
    ...(example.name !== undefined ? { name: example.name } : {}),
    outcome: 'crash',
    given: example.given,
    ...('raises' in example ? { expectedRaises: example.raises } : { expected: (example as { expect: unknown }).expect }),
    durationMs: 0,
  };
  if (!raw) return { ...base, error: { type: 'Crash', message: failure } };
  return {
    ...base,
    outcome: raw.outcome,
    ...(raw.actual !== undefined ? { actual: raw.actual } : {}),
    ...(raw.error ? { error: raw.error } : {}),
    durationMs: raw.durationMs,
    ...(raw.calls ? { calls: raw.calls } : {}),
  };
}
