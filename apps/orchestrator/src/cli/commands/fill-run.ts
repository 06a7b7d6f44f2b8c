// What `onexgen fill` runs (loaded when the command runs, not at start-up).
import { join, resolve } from 'node:path';
import { uncommittedChange } from '@onexgen/node-source';
import { loadPythonParser } from '@onexgen/response-validator';
import { OnexgenError } from '@onexgen/pipeline/errors';
import { fileInputAsync, defaultFilledPath, type FileJob } from '@onexgen/pipeline';
import { loadSpecFile } from '../../spec/load-spec.js';
import type { CommonOptions } from '../common-options.js';
import type { CliIO } from '../io.js';
import type { RunState } from '../run-state.js';
import { configFor, runPipeline } from '../run-pipeline.js';
import { withStrategy } from '../strategy-option.js';
import { maxBytesOption, readNodeFile } from './node-file.js';
import { packageFilesBeside } from './package-files.js';
import { specBesideNode } from '../../spec/contract-spec.js';

export interface FillOptions extends CommonOptions {
  spec?: string;
  out?: string;
  inPlace?: boolean;
  fileConcurrency?: string;
  includeUncertain?: boolean;
  force?: boolean;
  maxFileBytes?: string;
  strategy?: string;
}

export async function runFill(io: CliIO, state: RunState, files: string[], opts: FillOptions): Promise<void> {
  if (opts.out && opts.inPlace) throw new OnexgenError('USAGE', '--out and --in-place exclude each other');
  if (opts.out && files.length > 1) throw new OnexgenError('USAGE', '--out names one file: give one input, or use --in-place');
  const loaded = withStrategy(configFor(io, opts), opts.strategy);
  const given = opts.spec ? await loadSpecFile(resolve(io.cwd, opts.spec)) : undefined;
  const jobs: FileJob[] = [];
  const parser = await loadPythonParser();
  const maxBytes = maxBytesOption(opts.maxFileBytes);
  for (const file of files) {
    const path = resolve(io.cwd, file);
    const outFile = opts.inPlace ? path : opts.out ? resolve(io.cwd, opts.out) : defaultFilledPath(path);
    const source = await readNodeFile(path, maxBytes);
    // without --spec, the contract.yaml beside the node (as onexgen writes it) gives the spec and its examples
    const spec = given ?? (await specBesideNode(path))?.spec;
    const packageFiles = packageFilesBeside(path);
    // refuse bad input before anything is opened or written; the run reuses this parse (a large
    // file is parsed once, on a thread of its own that a SIGINT / SIGTERM stops)
    const input = await fileInputAsync(parser, file, source.text, spec, {
      ...(opts.includeUncertain ? { includeUncertain: true } : {}),
      packageFiles,
      ...(io.signal ? { signal: io.signal } : {}),
    });
    if (opts.inPlace && !opts.force) {
      // work git cannot give back is never overwritten
      const change = await uncommittedChange(source.target);
      if (change) {
        throw new OnexgenError('FILE_UNCOMMITTED', `${file}: git reports uncommitted changes (${change.slice(0, 2).trim()}); commit them or pass --force; nothing written`, { where: file });
      }
    }
    jobs.push({
      kind: 'node-file',
      file,
      source,
      ...(spec ? { spec } : {}),
      outFile,
      ...(opts.includeUncertain ? { includeUncertain: true } : {}),
      packageFiles,
      input,
      ...(opts.inPlace ? { backupRoot: join(io.cwd, '.onexgen', 'backups') } : {}),
    });
  }
  await runPipeline(io, state, opts, loaded, jobs);
}
