// The warm Python worker (runtime/onexgen_sandbox/worker.py) as seen from Node: spawn it (inside
// the network namespace when there is one), wait for `ready`, send run/cancel requests as JSON
// lines and match the answers by id. Requests are sent one at a time; the worker times each
// example itself, and a watchdog here kills the whole worker if it ever stops answering.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { SandboxError } from './errors.js';
import { RUNTIME_DIR, STAND_IN_DIR } from './runtime-dir.js';

export interface WorkerReady {
  runtime: 'stand-in' | 'real';
  executable: string;
  version: string;
  pydantic: boolean;
  /** `dropped`: root worker, children run as nobody; `root`: root worker that could not drop; `unprivileged`: not root. */
  privileges: 'dropped' | 'root' | 'unprivileged';
  privilegesReason?: string;
}

export interface WorkerRunRequest {
  packageParent: string;
  packageName: string;
  workDir: string;
  module: string;
  className: string;
  method: string;
  examples: unknown[];
  limits: Record<string, number>;
}

export interface WorkerExampleResult {
  index: number;
  outcome: 'passed' | 'failed' | 'raised' | 'timeout' | 'crash';
  actual?: string;
  error?: { type: string; code?: string; message: string; phase?: 'import' | 'construct' | 'call' };
  durationMs: number;
  calls?: Array<{ double: string; method: string; args: unknown[]; kwargs?: Record<string, unknown> }>;
}

export type WorkerAnswer =
  | { event: 'done'; id: number; results: WorkerExampleResult[]; output: string; notes?: string[] }
  | { event: 'cancelled'; id: number };

const READY_TIMEOUT_MS = 30_000;
/** How long past the method limit the worker may stay silent before it is presumed stuck. */
const WATCHDOG_GRACE_MS = 10_000;
const STDERR_TAIL = 4096;

export class WorkerProcess {
  private child: ChildProcess | undefined;
  private nextId = 1;
  private waiting = new Map<number, { resolve: (a: WorkerAnswer) => void; reject: (e: Error) => void }>();
  private queue: Promise<unknown> = Promise.resolve();
  private stderrTail = '';
  private exited = false;

  private constructor() {}

  static async start(options: {
    python: string;
    runtime: 'stand-in' | 'real' | 'auto';
    prefix: string[];
    env: Record<string, string>;
    dropPrivileges: boolean;
  }): Promise<{ worker: WorkerProcess; ready: WorkerReady }> {
    const worker = new WorkerProcess();
    const args = [options.python, '-u', '-B', '-m', 'onexgen_sandbox.worker', '--runtime', options.runtime, '--stand-in', STAND_IN_DIR];
    if (options.dropPrivileges) args.push('--drop-privileges');
    const [command, ...rest] = [...options.prefix, ...args];
    const child = spawn(command!, rest, { cwd: RUNTIME_DIR, env: options.env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    worker.child = child;
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      worker.stderrTail = (worker.stderrTail + chunk).slice(-STDERR_TAIL);
    });
    child.stdin!.on('error', () => undefined); // a dead worker shows up through 'exit'
    const ready = new Promise<WorkerReady>((resolve, reject) => {
      const timer = setTimeout(() => reject(new SandboxError('WORKER_FAILED', `the Python worker did not start within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
      const lines = createInterface({ input: child.stdout! });
      lines.on('line', (line) => {
        let event: { event: string; id?: number } & Record<string, unknown>;
        try {
          event = JSON.parse(line);
        } catch {
          return; // not ours; the protocol is JSON lines only
        }
        if (event.event === 'ready') {
          clearTimeout(timer);
          resolve(event as unknown as WorkerReady);
        } else if (typeof event.id === 'number') {
          const pending = worker.waiting.get(event.id);
          worker.waiting.delete(event.id);
          pending?.resolve(event as unknown as WorkerAnswer);
        }
      });
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(new SandboxError('WORKER_FAILED', `the Python worker could not be started: ${error.message}`, { cause: error }));
      });
      child.on('exit', (code, signal) => {
        worker.exited = true;
        clearTimeout(timer);
        const why = `the Python worker exited (${signal ?? `status ${code}`})${worker.stderrTail ? `: ${worker.stderrTail.trim().split('\n').slice(-3).join(' | ')}` : ''}`;
        reject(new SandboxError('WORKER_FAILED', why));
        for (const pending of worker.waiting.values()) pending.reject(new SandboxError('WORKER_FAILED', why));
        worker.waiting.clear();
      });
    });
    try {
      const info = await ready;
      worker.holdProcessOpen(false);
      return { worker, ready: info };
    } catch (error) {
      worker.kill();
      throw error;
    }
  }

  /**
   * An idle worker must not keep Node running (a caller that forgets close() would hang at exit);
   * a busy one must, or an awaited run could be cut off. The worker exits on stdin EOF.
   */
  private holdProcessOpen(hold: boolean): void {
    const child = this.child;
    if (!child) return;
    for (const handle of [child, child.stdin, child.stdout, child.stderr] as Array<{ ref?: () => void; unref?: () => void } | null>) {
      if (hold) handle?.ref?.();
      else handle?.unref?.();
    }
  }

  get alive(): boolean {
    return !this.exited;
  }

  /** Runs one request; `onAbort` sends a cancel. Requests queue behind each other. */
  run(request: WorkerRunRequest, watchdogMs: number, signal?: AbortSignal): Promise<WorkerAnswer> {
    const task = this.queue.then(() => {
      signal?.throwIfAborted(); // aborted while queued: never sent
      return this.send(request, watchdogMs + WATCHDOG_GRACE_MS, signal);
    });
    this.queue = task.catch(() => undefined);
    if (!signal) return task;
    // An abort settles the caller at once; a run already sent is cancelled in the worker.
    const aborted = new Promise<never>((_, reject) => {
      if (signal.aborted) reject(signal.reason);
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
    return Promise.race([task, aborted]);
  }

  private send(request: WorkerRunRequest, watchdogMs: number, signal?: AbortSignal): Promise<WorkerAnswer> {
    if (this.exited) return Promise.reject(new SandboxError('WORKER_FAILED', 'the Python worker is not running'));
    const id = this.nextId++;
    return new Promise<WorkerAnswer>((resolve, reject) => {
      const onAbort = () => this.write({ op: 'cancel', id });
      const watchdog = setTimeout(() => {
        this.kill();
        reject(new SandboxError('WORKER_FAILED', `the Python worker did not answer within ${watchdogMs} ms and was killed`));
      }, watchdogMs);
      const settle = () => {
        clearTimeout(watchdog);
        signal?.removeEventListener('abort', onAbort);
        if (this.waiting.size === 0) this.holdProcessOpen(false);
      };
      this.waiting.set(id, {
        resolve: (answer) => {
          settle();
          resolve(answer);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      this.holdProcessOpen(true);
      this.write({ op: 'run', id, ...request });
    });
  }

  private write(message: object): void {
    this.child?.stdin?.write(`${JSON.stringify(message)}\n`);
  }

  /** Ends the worker: stdin closed (it exits on EOF), then the process group killed if it lingers. */
  async close(): Promise<void> {
    const child = this.child;
    if (!child || this.exited) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.stdin?.end();
    const timer = setTimeout(() => this.kill(), 2000);
    await exited;
    clearTimeout(timer);
  }

  kill(): void {
    const pid = this.child?.pid;
    if (pid === undefined || this.exited) return;
    try {
      process.kill(-pid, 'SIGKILL'); // the worker leads its own process group (detached)
    } catch {
      this.child?.kill('SIGKILL');
    }
  }
}
