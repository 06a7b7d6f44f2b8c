// What a node file's parse shows (file-facts.ts), off the caller's thread for a large file. Parsing a
// 5 MB file takes seconds: the caller's thread stays free to see a SIGINT / SIGTERM (the parsing
// threads are terminated when the run is stopped), and a file of a megabyte or more is read in two
// parts on two threads at once (file-cut.ts: where it is cut and why the parts' facts are the file's
// when both parts parse; when one does not, the file is read whole, which also gives the error
// CPython would report first). Small files are parsed where the caller is (a thread and its parser
// cost ~0.3 s to start). Loads no more than the parser and node-source: `onexgen stubs` uses it.
import { startThread } from '@onexgen/onex/threads';
import type { PythonParser } from '@onexgen/response-validator';
import { PythonParserError, type ParserErrorCode } from '@onexgen/response-validator';
import { OnexgenError, type OnexgenErrorCode } from '../errors.js';
import { fileInputThreadFile } from '../file-input-thread-path.js';
import { cutNear, type Cut } from './file-cut.js';
import { fileFacts, joinFacts, type FileFacts } from './file-facts.js';

export interface FileFactsOptions {
  includeUncertain?: boolean;
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
  /** the class header line a part inside a class is parsed under (file-cut.ts) */
  header?: readonly [number, number];
  options: { includeUncertain?: boolean };
}

export type FileInputReply = { ok: true; facts: FileFacts } | { ok: false; error: { name: string; code?: string; message: string; where?: string } };

/** What a node file's parse shows, off the caller's thread for a large file; rejects with `signal.reason` once aborted. */
export async function fileFactsAsync(parser: PythonParser, source: string, options: FileFactsOptions = {}): Promise<FileFacts> {
  const { signal, threadFrom = 256 * 1024, splitFrom = 1024 * 1024 } = options;
  const threadOptions = options.includeUncertain ? { includeUncertain: true } : {};
  signal?.throwIfAborted();
  if (source.length < threadFrom) return fileFacts(parser, source, threadOptions);
  // one stop for every thread of this file: the run's signal, or a part that failed
  const stop = new AbortController();
  const onAbort = (): void => stop.abort(signal!.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const cut = source.length >= splitFrom ? cutNear(source, source.length >> 1) : undefined;
    if (cut) {
      const parts = await Promise.all([
        onThread({ source, part: [0, cut.at], options: threadOptions }, stop.signal),
        onThread({ source, part: [cut.at, source.length], ...(cut.header ? { header: cut.header } : {}), options: threadOptions }, stop.signal),
      ]);
      const facts = joined(parts[0], parts[1], cut);
      if (facts) return facts;
    }
    return await onThread({ source, options: threadOptions }, stop.signal);
  } catch (err) {
    stop.abort(err);
    throw err;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * The file's facts from its two parts, or undefined when they cannot be trusted: a part that does not
 * parse, or, for a cut inside a class, a first part without that class at the header line (the
 * header was text inside a string). The second part's copy of the class is left out: the first
 * part's has its decorators and docstring.
 */
function joined(first: FileFacts, second: FileFacts, cut: Cut): FileFacts | undefined {
  if (!first.syntaxValid || !second.syntaxValid) return undefined;
  if (!cut.header) return joinFacts([first, second]);
  const [start] = cut.header;
  const owner = first.classes.find((c) => c.definition.startColumn === 1 && c.definition.startIndex <= start && start < c.body.startIndex);
  const copy = second.classes.find((c) => c.definition.startIndex === start);
  if (!owner || !copy || owner.name !== copy.name) return undefined;
  return joinFacts([first, { ...second, classes: second.classes.filter((c) => c !== copy) }]);
}

function onThread(request: FileInputRequest, signal: AbortSignal | undefined): Promise<FileFacts> {
  signal?.throwIfAborted();
  const worker = startThread(fileInputThreadFile(), { workerData: request });
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
