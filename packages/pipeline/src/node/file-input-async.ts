// fileInput for a large node file on a thread of its own. Parsing a 5 MB file holds the thread that
// does it for seconds, and a SIGINT / SIGTERM must not wait for that: the caller's thread stays free
// to see the signal, and the parsing thread is terminated when the run is stopped. Small files are
// parsed where the caller is (a thread and its parser cost ~0.3 s to start).
import { Worker } from 'node:worker_threads';
import type { InjectionBase, Stub } from '@onexgen/node-source';
import { PythonParserError, type ParserErrorCode, type PythonParser } from '@onexgen/response-validator';
import type { NodeSpec } from '@onexgen/onex';
import { OnexgenError, type OnexgenErrorCode } from '../errors.js';
import { fileInputThreadFile } from '../file-input-thread-path.js';
import type { NodeContext } from '../method/node-context.js';
import { fileInput, type FileInputOptions, type NodeInput } from './node-inputs.js';

/** From this many characters a node file is parsed on a thread of its own (about 0.3 s of parsing). */
export const THREAD_FROM_CHARS = 256 * 1024;

export interface FileInputRequest {
  file: string;
  source: string;
  spec?: NodeSpec;
  options: FileInputOptions;
}

export type FileInputReply =
  | { ok: true; stubs: Stub[]; node: Omit<NodeContext, 'source' | 'injection'>; injection: Omit<InjectionBase, 'source'> }
  | { ok: false; error: { name: string; code?: string; message: string; where?: string } };

/** {@link fileInput}, on a thread of its own for a large file; rejects with `signal.reason` once aborted. */
export async function fileInputAsync(
  parser: PythonParser,
  file: string,
  source: string,
  spec?: NodeSpec,
  options: FileInputOptions & { signal?: AbortSignal } = {},
): Promise<NodeInput> {
  const { signal, ...inputOptions } = options;
  signal?.throwIfAborted();
  if (source.length < THREAD_FROM_CHARS) return fileInput(parser, file, source, spec, inputOptions);
  const request: FileInputRequest = { file, source, ...(spec ? { spec } : {}), options: inputOptions };
  const reply = await onThread(request, signal);
  if (!reply.ok) throw rebuilt(reply.error);
  return { stubs: reply.stubs, node: { ...reply.node, source, injection: { ...reply.injection, source } } };
}

function onThread(request: FileInputRequest, signal: AbortSignal | undefined): Promise<FileInputReply> {
  const worker = new Worker(fileInputThreadFile(), { workerData: request });
  return new Promise<FileInputReply>((resolve, reject) => {
    const settle = (fn: () => void): void => {
      signal?.removeEventListener('abort', stop);
      worker.removeAllListeners();
      fn();
    };
    // the thread may be deep in tree-sitter's WebAssembly: terminate() stops it there
    const stop = (): void => settle(() => {
      void worker.terminate();
      reject(signal!.reason);
    });
    signal?.addEventListener('abort', stop, { once: true });
    worker.once('message', (reply: FileInputReply) => settle(() => resolve(reply)));
    worker.once('error', (err) => settle(() => reject(err)));
    worker.once('exit', (code) => settle(() => reject(new Error(`the thread parsing ${request.file} exited (code ${code}) without an answer`))));
  });
}

/** The thread's error as the caller would have got it from fileInput in its own thread. */
function rebuilt(error: { name: string; code?: string; message: string; where?: string }): Error {
  if (error.name === 'OnexgenError') return new OnexgenError(error.code as OnexgenErrorCode, error.message, error.where ? { where: error.where } : {});
  if (error.name === 'PythonParserError') return new PythonParserError(error.code as ParserErrorCode, error.message);
  const e = new Error(error.message);
  e.name = error.name;
  return e;
}
