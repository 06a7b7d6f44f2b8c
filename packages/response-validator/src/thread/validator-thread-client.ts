// Validation on a thread of its own. A pipeline that has many model answers in flight spends a
// third of its one JavaScript thread parsing and checking them (tools/bench pipeline-bench); here the
// same validators run on a second thread, so the caller's thread goes on building prompts and
// reading answers meanwhile. Results are the in-process validator's, byte for byte (the thread runs
// createValidator with the same options); a body's parse comes back with its result, so
// parsedBody() spares the caller a parse as the in-process validator does.
import type { Worker } from 'node:worker_threads';
import { startThread } from '@onexgen/onex/threads';
import { ValidatorError, type ValidatorErrorCode } from '../errors.js';
import { PythonParserError, type ParserErrorCode } from '../parser/parser-error.js';
import { unpackFragment } from './travelling-fragment.js';
import type { ParsedFragment } from '../parser/types.js';
import type { ValidatorOptions } from '../validation/validator.js';
import type { ValidationContext, ValidationResult } from '../validation/validation-types.js';
import { validatorThreadFile } from '../validator-thread-path.js';
import type { ResponseResult, ValidatorAsk, ValidatorConfigure, ValidatorReply, ValidatorRequest, ValidatorThreadData } from './protocol.js';

/** One of the thread's validators: Validator's checks, answered asynchronously. */
export interface ThreadedValidator {
  validate(code: string, context?: ValidationContext): Promise<ValidationResult>;
  validateResponse(answer: string, context?: ValidationContext): Promise<ResponseResult>;
  /** as Validator.parsedBody: the body a validateResponse() result of this thread holds, as it was parsed */
  parsedBody(result: ValidationResult): ParsedFragment | undefined;
}

export interface ValidatorThread {
  /** the validator given under `key` at the start */
  validator(key: string): ThreadedValidator;
  /** runs an extension's operation (startValidatorThread's `extensions`) on the thread, in turn with the checks */
  run<T>(name: string, payload: unknown): Promise<T>;
  /**
   * Gives the thread up; requests still waiting, and any later one, reject with THREAD_FAILED. The
   * thread itself is kept, idle, for the next startValidatorThread with the same extensions (see
   * there), unless `reuse` was false.
   */
  close(): Promise<void>;
  /** the worker thread's id (a thread reused by a later startValidatorThread keeps its id) */
  readonly threadId: number;
}

/** The thread's error as the class the in-process validator would have thrown (the same name, code and message). */
function asError(e: { name: string; code?: string; message: string }): Error {
  if (e.name === 'PythonParserError') return new PythonParserError((e.code ?? 'PARSER_FAILED') as ParserErrorCode, e.message);
  if (e.name === 'ValidatorError') return new ValidatorError((e.code ?? 'THREAD_FAILED') as ValidatorErrorCode, e.message);
  return Object.assign(new Error(e.message), { name: e.name, ...(e.code ? { code: e.code } : {}) });
}

interface Pending {
  resolve(reply: Extract<ValidatorReply, { ok: true }>): void;
  reject(error: Error): void;
}

export interface ValidatorThreadOptions {
  /**
   * Files of modules that export `threadOperations` (ThreadOperations): work of a package above
   * this one that reads Python (a node file's import tidy), run on the thread with its parser so
   * that it leaves the caller's thread too. Loaded on the first `run`.
   */
  extensions?: string[];
  /**
   * The thread's parser keeps this many recent whole-file parses for the same text again
   * (TreeSitterPythonParser.rememberParses): for callers whose operations parse one file more than
   * once. Default 0.
   */
  rememberParses?: number;
  /**
   * false: close() stops the thread instead of keeping it for the next owner, and this call starts
   * a thread of its own. Default true.
   */
  reuse?: boolean;
}

/**
 * A worker thread and what its current owner listens with. A thread outlives its owner: the next
 * startValidatorThread with the same extensions takes it over warm (its parser loaded, V8's
 * optimised code for the parser and the rules already compiled: on a cold thread that compilation
 * was about a fifth of a 1,000-method run's CPU, tools/bench pipeline-bench). Request ids run on
 * per thread, so a reply to a former owner's request matches nothing of the new owner's.
 */
interface ThreadHost {
  readonly worker: Worker;
  readonly key: string;
  nextId: number;
  /** the current owner's reply handler and failure handler */
  owner?: { reply(reply: ValidatorReply): void; fail(error: Error): void };
  /** why the thread can no longer be used (it failed or stopped) */
  dead?: Error;
  idleTimer?: NodeJS.Timeout;
}

/** Idle threads kept for a next owner, oldest first; each stops after IDLE_MS unused. */
const idle: ThreadHost[] = [];
const MAX_IDLE = 2;
const IDLE_MS = 60_000;

function spawnHost(key: string, data: ValidatorThreadData): ThreadHost {
  const worker = startThread(validatorThreadFile(), { workerData: data });
  worker.unref();
  const host: ThreadHost = { worker, key, nextId: 1 };
  const die = (error: Error): void => {
    host.dead ??= error;
    const at = idle.indexOf(host);
    if (at >= 0) idle.splice(at, 1);
    if (host.idleTimer) clearTimeout(host.idleTimer);
    host.owner?.fail(host.dead);
  };
  worker.on('message', (reply: ValidatorReply) => host.owner?.reply(reply));
  worker.on('error', (err) => die(new ValidatorError('THREAD_FAILED', `the validation thread failed: ${err.message}`, { cause: err })));
  worker.on('exit', (code) => die(new ValidatorError('THREAD_FAILED', `the validation thread stopped (exit code ${code})`)));
  return host;
}

/** An idle thread with these extensions, taken out of the pool (undefined: none). */
function takeIdle(key: string): ThreadHost | undefined {
  // a thread that died left the pool then (die)
  const at = idle.findIndex((h) => h.key === key);
  if (at < 0) return undefined;
  const [host] = idle.splice(at, 1);
  clearTimeout(host!.idleTimer);
  return host;
}

/** Keeps a thread whose owner is done for the next one; past MAX_IDLE the oldest idle thread stops. */
function park(host: ThreadHost): Promise<void> {
  host.owner = undefined;
  host.worker.unref();
  host.idleTimer = setTimeout(() => void stopIdle(host), IDLE_MS);
  host.idleTimer.unref();
  idle.push(host);
  return idle.length > MAX_IDLE ? stopIdle(idle[0]!) : Promise.resolve();
}

async function stopIdle(host: ThreadHost): Promise<void> {
  const at = idle.indexOf(host);
  if (at >= 0) idle.splice(at, 1);
  clearTimeout(host.idleTimer);
  await host.worker.terminate();
}

/** Stops every idle validation thread now (a process that wants its next thread cold, or its memory back). */
export async function stopIdleValidatorThreads(): Promise<void> {
  await Promise.all([...idle].map(stopIdle));
}

/**
 * Starts the thread with these validators (each created there on its first request), or takes over
 * an idle one with the same extensions that an earlier owner closed (its validators replaced by
 * these, its remembered parses forgotten). The thread does not keep the process alive while nothing
 * is asked of it. Options must survive structured cloning: a profile name, a path or a plain
 * profile object.
 */
export function startValidatorThread(validators: Record<string, ValidatorOptions>, options: ValidatorThreadOptions = {}): ValidatorThread {
  const data: ValidatorThreadData = { validators, extensions: options.extensions ?? [], rememberParses: options.rememberParses ?? 0 };
  const reuse = options.reuse !== false;
  const key = JSON.stringify(data.extensions);
  const warm = reuse ? takeIdle(key) : undefined;
  const host = warm ?? spawnHost(key, data);
  const { worker } = host;
  const pending = new Map<number, Pending>();
  const bodies = new WeakMap<ValidationResult, ParsedFragment>();
  let failure: Error | undefined;

  const failAll = (error: Error): void => {
    failure ??= error;
    for (const p of pending.values()) p.reject(failure);
    pending.clear();
    worker.unref();
  };
  host.owner = {
    reply(reply) {
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      if (pending.size === 0) worker.unref();
      if (reply.ok) p.resolve(reply);
      else p.reject(asError(reply.error));
    },
    fail: failAll,
  };

  const send = (request: ValidatorAsk | ValidatorConfigure): Promise<Extract<ValidatorReply, { ok: true }>> => {
    if (failure) return Promise.reject(failure);
    const id = host.nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      // a request in flight keeps the process alive until it is answered
      if (pending.size === 1) worker.ref();
      const message: ValidatorRequest = { ...request, id };
      worker.postMessage(message);
    });
  };
  // a reused thread takes this owner's validators first (the thread answers in arrival order); if
  // that fails, so does every request after it
  const configured = warm ? send({ op: 'configure', validators, rememberParses: data.rememberParses }).then(() => undefined) : Promise.resolve();
  configured.catch(() => undefined);
  const ask = (request: ValidatorAsk): Promise<Extract<ValidatorReply, { ok: true }>> => {
    const reply = send(request);
    if (!warm) return reply;
    reply.catch(() => undefined); // its rejection reaches the caller below, once the configure settled
    return configured.then(() => reply);
  };

  const byKey = new Map<string, ThreadedValidator>();
  const threaded = (key: string): ThreadedValidator => ({
    async validate(code, context = {}) {
      return (await ask({ op: 'validate', key, code, context })).result as ValidationResult;
    },
    async validateResponse(answer, context = {}) {
      const reply = await ask({ op: 'validateResponse', key, answer, context });
      const result = reply.result as ResponseResult;
      if (reply.body) bodies.set(result, unpackFragment(reply.body));
      return result;
    },
    parsedBody: (result) => bodies.get(result),
  });

  let closed: Promise<void> | undefined;
  return {
    threadId: worker.threadId,
    async run<T>(name: string, payload: unknown) {
      return (await ask({ op: 'run', name, payload })).result as T;
    },
    validator(key) {
      let v = byKey.get(key);
      if (!v) byKey.set(key, (v = threaded(key)));
      return v;
    },
    close() {
      closed ??= (async () => {
        failAll(new ValidatorError('THREAD_FAILED', 'the validation thread was closed'));
        if (reuse && !host.dead) return park(host);
        host.owner = undefined;
        await worker.terminate();
      })();
      return closed;
    },
  };
}
