// What `onexgen fill` runs (loaded when the command runs, not at start-up).
import { resolve } from 'node:path';
import { loadPythonParser } from '@onexgen/response-validator';
import { OnexgenError } from '../../errors.js';
import { fileInput } from '../../pipeline/node-inputs.js';
import { defaultFilledPath, type FileJob } from '../../pipeline/run-nodes.js';
import { loadSpecFile } from '../../spec/load-spec.js';
import type { CommonOptions } from '../common-options.js';
import type { CliIO } from '../io.js';
import type { RunState } from '../program.js';
import { configFor, runPipeline } from '../run-pipeline.js';
import { readNodeFile } from './node-file.js';

export interface FillOptions extends CommonOptions {
  spec?: string;
  out?: string;
  inPlace?: boolean;
  fileConcurrency?: string;
}

export async function runFill(io: CliIO, state: RunState, files: string[], opts: FillOptions): Promise<void> {
  if (opts.out && opts.inPlace) throw new OnexgenError('USAGE', '--out and --in-place exclude each other');
  if (opts.out && files.length > 1) throw new OnexgenError('USAGE', '--out names one file: give one input, or use --in-place');
  const loaded = configFor(io, opts);
  const spec = opts.spec ? await loadSpecFile(resolve(io.cwd, opts.spec)) : undefined;
  const jobs: FileJob[] = [];
  const parser = await loadPythonParser();
  for (const file of files) {
    const path = resolve(io.cwd, file);
    const outFile = opts.inPlace ? path : opts.out ? resolve(io.cwd, opts.out) : defaultFilledPath(path);
    const source = await readNodeFile(path);
    // refuse bad input before anything is opened or written
    fileInput(parser, file, source, spec);
    jobs.push({ kind: 'node-file', file, source, ...(spec ? { spec } : {}), outFile });
  }
  await runPipeline(io, state, opts, loaded, jobs);
}
