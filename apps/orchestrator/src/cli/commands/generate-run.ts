// What `onexgen generate` runs (loaded when the command runs, not at start-up).
import { resolve } from 'node:path';
import { OnexgenError } from '@onexgen/pipeline/errors';
import type { SpecJob } from '@onexgen/pipeline';
import { loadSpecFile } from '../../spec/load-spec.js';
import type { GenerateOptions } from './generate.js';
import type { CliIO } from '../io.js';
import type { RunState } from '../run-state.js';
import { configFor, runPipeline } from '../run-pipeline.js';
import { withStrategy } from '../strategy-option.js';

/** Every spec is validated before anything runs: one bad spec → exit 2, all errors listed, nothing written. */
export async function loadSpecs(io: CliIO, files: readonly string[]): Promise<{ file: string; spec: Awaited<ReturnType<typeof loadSpecFile>> }[]> {
  const results = await Promise.allSettled(files.map((f) => loadSpecFile(resolve(io.cwd, f)).then((spec) => ({ file: f, spec }))));
  const errors = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as Error);
  if (errors.length > 0) {
    const message = errors.map((e) => e.message.split(resolve(io.cwd) + '/').join('')).join('\n');
    const first = errors[0];
    throw first instanceof OnexgenError ? new OnexgenError(first.code, message, { cause: first }) : first;
  }
  return results.map((r) => (r as PromiseFulfilledResult<{ file: string; spec: Awaited<ReturnType<typeof loadSpecFile>> }>).value);
}

export async function runGenerate(io: CliIO, state: RunState, files: string[], opts: GenerateOptions): Promise<void> {
  if ((opts.wait || opts.jobTimeout !== undefined) && !opts.queue) throw new OnexgenError('USAGE', `${opts.wait ? '--wait' : '--job-timeout'} only applies with --queue`);
  const loaded = withStrategy(configFor(io, opts), opts.strategy);
  const specs = await loadSpecs(io, files);
  const outDir = resolve(io.cwd, opts.out);
  if (opts.queue) {
    const { runQueuedGenerate } = await import('./generate-queue.js');
    return runQueuedGenerate(io, state, opts, loaded, specs, outDir);
  }
  const jobs: SpecJob[] = specs.map(({ file, spec }) => ({ kind: 'spec', file, spec, outDir }));
  await runPipeline(io, state, opts, loaded, jobs);
}
