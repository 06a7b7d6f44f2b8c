// fileInput for a large node file, off the caller's thread: the file's facts from fileFactsAsync
// (file-facts-async.ts: one thread, or two parts on two threads), then the node as fileInput makes it.
import type { PythonParser } from '@onexgen/response-validator';
import type { NodeSpec } from '@onexgen/onex';
import { fileFactsAsync, type FileFactsOptions } from './file-facts-async.js';
import { inputFromFacts, type FileInputOptions, type NodeInput } from './node-inputs.js';

export type FileInputAsyncOptions = FileFactsOptions & FileInputOptions;

/** {@link fileInput}, off the caller's thread for a large file; rejects with `signal.reason` once aborted. */
export async function fileInputAsync(parser: PythonParser, file: string, source: string, spec?: NodeSpec, options: FileInputAsyncOptions = {}): Promise<NodeInput> {
  const { packageFiles, ...factOptions } = options;
  const facts = await fileFactsAsync(parser, source, factOptions);
  return inputFromFacts(file, source, facts, spec, { ...(options.includeUncertain ? { includeUncertain: true } : {}), ...(packageFiles ? { packageFiles } : {}) });
}

