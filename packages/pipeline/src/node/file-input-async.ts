// fileInput for a large node file, off the caller's thread. Parsing a 5 MB file takes seconds: the
// caller's thread stays free to see a SIGINT / SIGTERM (the parsing threads are terminated when the
// run is stopped), and a file of a megabyte or more is read in two parts on two threads at once.
// Small files are parsed where the caller is (a thread and its parser cost ~0.3 s to start).
//
// Where a file is cut: at a line that begins a top-level `def`, `class` or decorator. Such a line
// begins a top-level statement unless it sits inside a string or brackets that an earlier line
// opened, and then the part before it does not parse on its own. So when every part parses, every
// cut was a statement boundary and the parts' facts are the file's (top-level statements parse
// independently); when one does not, the file is read whole, which also gives the error CPython
// would report first.
import { Worker } from 'node:worker_threads';
import type { PythonParser } from '@onexgen/response-validator';
import { PythonParserError, type ParserErrorCode } from '@onexgen/response-validator';
import type { NodeSpec } from '@onexgen/onex';
import { OnexgenError, type OnexgenErrorCode } from '../errors.js';
import { fileInputThreadFile } from '../file-input-thread-path.js';
import { joinFacts, type FileFacts } from './file-facts.js';
import { fileInput, inputFromFacts, type FileInputOptions, type NodeInput } from './node-inputs.js';

export interface FileInputAsyncOptions extends FileInputOptions {
  signal?: AbortSignal;
  /** from this many characters the file is parsed on a thread of its own (default 256 Ki) */
  threadFrom?: number;
  /** from this many characters it is read in two parts on two threads (default 1 Mi) */
  splitFrom?: number;
}

export interface FileInputRequest {
  source: string;
  /** [start, end) of the part to read; the whole file when absent */
  part?: readonly [number, number];
  options: { includeUncertain?: boolean };
}

export type FileInputReply = { ok: true; facts: FileFacts } | { ok: false; error: { name: string; code?: string; message: string; where?: string } };

/** {@link fileInput}, off the caller's thread for a large file; rejects with `signal.reason` once aborted. */
export async function fileInputAsync(parser: PythonParser, file: string, source: string, spec?: NodeSpec, options: FileInputAsyncOptions = {}): Promise<NodeInput> {
  const { signal, threadFrom = 256 * 1024, splitFrom = 1024 * 1024, ...inputOptions } = options;
  signal?.throwIfAborted();
  if (source.length < threadFrom) return fileInput(parser, file, source, spec, inputOptions);
  const threadOptions = inputOptions.includeUncertain ? { includeUncertain: true } : {};
  // one stop for every thread of this file: the run's signal, or a part that failed
  const stop = new AbortController();
  const onAbort = (): void => stop.abort(signal!.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const cut = source.length >= splitFrom ? cutNear(source, source.length >> 1) : undefined;
    let facts: FileFacts | undefined;
    if (cut !== undefined) {
      const parts = await Promise.all([
        onThread({ source, part: [0, cut], options: threadOptions }, stop.signal),
        onThread({ source, part: [cut, source.length], options: threadOptions }, stop.signal),
      ]);
      if (parts.every((p) => p.syntaxValid)) facts = joinFacts(parts);
    }
    facts ??= await onThread({ source, options: threadOptions }, stop.signal);
    return inputFromFacts(file, source, facts, spec, inputOptions);
  } catch (err) {
    stop.abort(err);
    throw err;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

/** The start of the first line at or after `from` that begins a top-level def, class or decorator. */
export function cutNear(source: string, from: number): number | undefined {
  for (let nl = source.indexOf('\n', from); nl >= 0 && nl + 1 < source.length; nl = source.indexOf('\n', nl + 1)) {
    const at = nl + 1;
    if (source.startsWith('def ', at) || source.startsWith('class ', at) || source.startsWith('async def ', at) || source.charCodeAt(at) === 64 /* @ */) return at;
  }
  return undefined;
}

function onThread(request: FileInputRequest, signal: AbortSignal | undefined): Promise<FileFacts> {
  signal?.throwIfAborted();
  const worker = new Worker(fileInputThreadFile(), { workerData: request });
  return new Promise<FileFacts>((resolve, reject) => {
    const settle = (fn: () => void): void => {
      signal?.removeEventListener('abort', stop);
      worker.removeAllListeners();
      fn();
    };
    // the thread may be deep in tree-sitter's WebAssembly: terminate() stops it there
    const stop = (): void =>
      settle(() => {
        void worker.terminate();
        reject(signal!.reason);
      });
    signal?.addEventListener('abort', stop, { once: true });
    worker.once('message', (reply: FileInputReply) => settle(() => (reply.ok ? resolve(reply.facts) : reject(rebuilt(reply.error)))));
    worker.once('error', (err) => settle(() => reject(err)));
    worker.once('exit', (code) => settle(() => reject(new Error(`the thread parsing a node file exited (code ${code}) without an answer`))));
  });
}

/** The thread's error as the caller would have got it in its own thread. */
function rebuilt(error: { name: string; code?: string; message: string; where?: string }): Error {
  if (error.name === 'OnexgenError') return new OnexgenError(error.code as OnexgenErrorCode, error.message, error.where ? { where: error.where } : {});
  if (error.name === 'PythonParserError') return new PythonParserError(error.code as ParserErrorCode, error.message);
  const e = new Error(error.message);
  e.name = error.name;
  return e;
}
