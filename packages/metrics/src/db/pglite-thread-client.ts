// PGlite on a thread of its own (see pglite-thread/thread.mjs for why), behind the part of PGlite's
// client API that drizzle's PGlite driver calls: query(sql, params, { rowMode, parsers }) and
// transaction(fn). Hand-written: PGlite's own PGliteWorker targets browsers (Web Locks,
// BroadcastChannel), and drizzle's pg-proxy driver has no transactions.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { startThread } from '@onexgen/onex/threads';
import { pgliteDistDir } from '../pglite-dist.js';
import { pgliteThreadFile } from '../pglite-thread-path.js';

interface QueryOptions {
  rowMode?: 'object' | 'array';
  /** drizzle's parsers keep dates and intervals as text: identities, rebuilt on the thread by type id */
  parsers?: Record<number, unknown>;
}

export interface ThreadResult {
  rows: unknown[];
  fields: { name: string; dataTypeID: number }[];
  affectedRows?: number;
}

interface Queryable {
  query(sql: string, params?: unknown[], options?: QueryOptions): Promise<ThreadResult>;
}

// Node runs WebAssembly, but the workspace's lib (ES2022, no DOM) declares none of it: the part used
// here. In this file, not a .d.ts, so every package that compiles this source sees it too.
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- the global WebAssembly namespace, as lib.dom declares it
  namespace WebAssembly {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- an opaque compiled module
    interface Module {}
    function compile(bytes: Uint8Array): Promise<Module>;
    const Module: { prototype: Module; new (bytes: Uint8Array): Module };
  }
}

let compiled: Promise<WebAssembly.Module> | undefined;

/**
 * PostgreSQL's WebAssembly (9 MB), compiled once per process and handed to every database thread
 * (a WebAssembly.Module crosses threads without a copy). Each PGlite instance used to compile it
 * again on its own thread, and V8 then optimised its hot functions again in the background while the
 * session's first methods ran. Measured: a process's later in-memory opens 1.6–1.9 → 1.2–1.5 s, and
 * the pipeline benchmark's overhead p99 (a new session's first methods) 12.6–19.0 → 8.0–10.7 ms.
 */
export function compiledPostgres(): Promise<WebAssembly.Module> {
  if (!compiled) {
    const compiling = readFile(join(pgliteDistDir(), 'pglite.wasm')).then((bytes) => WebAssembly.compile(bytes));
    compiling.catch(() => {
      if (compiled === compiling) compiled = undefined;
    });
    compiled = compiling;
  }
  return compiled;
}

/** A statement the database refused: PostgreSQL's message, with its code, detail, constraint, … */
export class PgliteThreadError extends Error {
  code?: string;
  detail?: string;
  constraint?: string;
  constructor(fields: { message: string } & Record<string, unknown>) {
    super(fields.message);
    this.name = 'PgliteThreadError';
    Object.assign(this, fields);
  }
}

type Reply = { id: number; error?: { message: string } & Record<string, unknown>; result?: ThreadResult };

export class PgliteThreadClient implements Queryable {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  private failure: Error | undefined;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: Reply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      this.idleCheck();
      if (reply.error) waiting.reject(new PgliteThreadError(reply.error));
      else waiting.resolve(reply);
    });
    const lost = (err: Error): void => {
      this.failure ??= err;
      for (const waiting of this.pending.values()) waiting.reject(err);
      this.pending.clear();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`the embedded database's thread ended (exit ${code})`)));
    worker.unref();
  }

  /** Starts the thread and waits until PGlite is open there (a folder, or `template`'s data in memory). */
  static async open(dataDir: string | undefined, template: Uint8Array | undefined, signal?: AbortSignal): Promise<PgliteThreadClient> {
    signal?.throwIfAborted();
    const pgliteWasmModule = await compiledPostgres();
    signal?.throwIfAborted();
    const worker = startThread(pgliteThreadFile(), {
      workerData: { dataDir, template, pgliteWasmModule },
      ...(template ? { transferList: [template.buffer as ArrayBuffer] } : {}),
    });
    await new Promise<void>((ready, failed) => {
      const onMessage = (reply: Reply): void => {
        if (reply.id !== 0) return;
        cleanup();
        if (reply.error) failed(new PgliteThreadError(reply.error));
        else ready();
      };
      const onError = (err: Error): void => {
        cleanup();
        failed(err);
      };
      const onExit = (code: number): void => {
        cleanup();
        failed(new Error(`the embedded database's thread ended while opening (exit ${code})`));
      };
      // a run stopped during start-up does not wait seconds for a database it will not use
      const onAbort = (): void => {
        cleanup();
        void worker.terminate();
        failed(signal?.reason);
      };
      const cleanup = (): void => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        signal?.removeEventListener('abort', onAbort);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    return new PgliteThreadClient(worker);
  }

  async query(sql: string, params: unknown[] = [], options: QueryOptions = {}, tx?: number): Promise<ThreadResult> {
    const rawTypes = options.parsers ? Object.keys(options.parsers).map(Number) : undefined;
    const reply = await this.send({ op: 'query', sql, params, rowMode: options.rowMode ?? 'object', rawTypes, tx });
    return reply.result as ThreadResult;
  }

  /** fn's statements run inside one transaction that holds the database; a throw rolls it back. */
  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const { id } = await this.send({ op: 'begin' });
    const tx: Queryable = { query: (sql, params, options) => this.query(sql, params, options, id) };
    let value: T;
    try {
      value = await fn(tx);
    } catch (err) {
      await this.send({ op: 'end', tx: id, commit: false }).catch(() => undefined);
      throw err;
    }
    await this.send({ op: 'end', tx: id, commit: true });
    return value;
  }

  /** PGlite closes (a folder's data is on disk when this resolves); the thread then ends on its own time. */
  async close(): Promise<void> {
    if (!this.failure) await this.send({ op: 'close' }).catch(() => undefined);
    this.failure ??= new Error('the embedded database is closed');
    // tearing down the thread's heap (PGlite's WebAssembly memory) takes 0.1–0.3 s that nobody waits for
    this.worker.unref();
    void this.worker.terminate();
  }

  private send(message: Record<string, unknown>): Promise<Reply> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    // a statement in flight keeps the process alive; an idle database does not
    if (this.pending.size === 0) this.worker.ref();
    return new Promise<Reply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...message, id });
    });
  }

  private idleCheck(): void {
    if (this.pending.size === 0) this.worker.unref();
  }
}
