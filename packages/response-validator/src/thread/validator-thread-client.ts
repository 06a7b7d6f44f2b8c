// Validation on a thread of its own. A pipeline that has many model answers in flight spends a
// third of its one JavaScript thread parsing and checking them (tools/bench pipeline-bench); here the
// same validators run on a second thread, so the caller's thread goes on building prompts and
// reading answers meanwhile. Results are the in-process validator's, byte for byte (the thread runs
// createValidator with the same options); a body's parse comes back with its result, so
// parsedBody() spares the caller a parse as the in-process validator does.
import { Worker } from 'node:worker_threads';
import { threadExecArgv } from '@onexgen/onex';
import { ValidatorError, type ValidatorErrorCode } from '../errors.js';
import { PythonParserError, type ParserErrorCode } from '../parser/parser-error.js';
import { unpackFragment } from './travelling-fragment.js';
import type { ParsedFragment } from '../parser/types.js';
import type { ValidatorOptions } from '../validation/validator.js';
import type { ValidationContext, ValidationResult } from '../validation/validation-types.js';
import { validatorThreadFile } from '../validator-thread-path.js';
import type { ResponseResult, ValidatorAsk, ValidatorReply, ValidatorRequest, ValidatorThreadData } from './protocol.js';

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
  /** stops the thread; requests still waiting reject with THREAD_FAILED */
  close(): Promise<void>;
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
}

/**
 * Starts the thread with these validators (each created there on its first request). The thread
 * does not keep the process alive while nothing is asked of it. Options must survive structured
 * cloning: a profile name, a path or a plain profile object.
 */
export function startValidatorThread(validators: Record<string, ValidatorOptions>, options: ValidatorThreadOptions = {}): ValidatorThread {
  const data: ValidatorThreadData = { validators, extensions: options.extensions ?? [], rememberParses: options.rememberParses ?? 0 };
  const worker = new Worker(validatorThreadFile(), { workerData: data, execArgv: threadExecArgv() });
  worker.unref();
  const pending = new Map<number, Pending>();
  const bodies = new WeakMap<ValidationResult, ParsedFragment>();
  let nextId = 1;
  let failure: Error | undefined;

  const failAll = (error: Error): void => {
    failure ??= error;
    for (const p of pending.values()) p.reject(failure);
    pending.clear();
    worker.unref();
  };
  worker.on('message', (reply: ValidatorReply) => {
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    if (pending.size === 0) worker.unref();
    if (reply.ok) p.resolve(reply);
    else p.reject(asError(reply.error));
  });
  worker.on('error', (err) => failAll(new ValidatorError('THREAD_FAILED', `the validation thread failed: ${err.message}`, { cause: err })));
  worker.on('exit', (code) => failAll(new ValidatorError('THREAD_FAILED', `the validation thread stopped (exit code ${code})`)));

  const ask = (request: ValidatorAsk): Promise<Extract<ValidatorReply, { ok: true }>> => {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      // a request in flight keeps the process alive until it is answered
      if (pending.size === 1) worker.ref();
      const message: ValidatorRequest = { ...request, id };
      worker.postMessage(message);
    });
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

  return {
    async run<T>(name: string, payload: unknown) {
      return (await ask({ op: 'run', name, payload })).result as T;
    },
    validator(key) {
      let v = byKey.get(key);
      if (!v) byKey.set(key, (v = threaded(key)));
      return v;
    },
    async close() {
      failAll(new ValidatorError('THREAD_FAILED', 'the validation thread was closed'));
      await worker.terminate();
    },
  };
}
