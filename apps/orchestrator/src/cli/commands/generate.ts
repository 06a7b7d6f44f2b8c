// `onexgen generate <spec...>`: a node package per spec, its stubs filled. The work is loaded when
// the command runs (generate-run.ts), so `--help` and `--version` load none of it.
import type { Command } from 'commander';
import { addCommonOptions, type CommonOptions } from '../common-options.js';
import { STRATEGY_OPTION_HELP } from '../strategy-option.js';
import type { CliIO } from '../io.js';
import type { RunState } from '../run-state.js';

export type GenerateOptions = CommonOptions & { out: string; strategy?: string; fileConcurrency?: string; queue?: boolean; wait?: boolean; jobTimeout?: string };

export function registerGenerate(program: Command, io: CliIO, state: RunState): void {
  addCommonOptions(
    program
      .command('generate')
      .description('render a node package per spec and fill its stubs')
      .argument('<spec...>', 'node spec files (YAML or JSON)')
      .option('--out <dir>', 'output directory', 'generated')
      .option('--offline', 'use no LLM: learned templates, patterns, then fallbacks')
      .option('--json', 'print one JSON document')
      .option('--file-concurrency <n>', 'specs processed at once')
      .option('--queue', 'enqueue the methods for `onexgen worker` processes on the PostgreSQL of --db/DATABASE_URL and print the run id')
      .option('--wait', 'with --queue: wait for the workers and report as a local run does (same output and exit code)')
      .option('--job-timeout <seconds>', 'with --queue: a job not finished after this long is handed to another worker (default 900)')
      .option('--strategy <name>', STRATEGY_OPTION_HELP),
  ).action(async (files: string[], opts: GenerateOptions) => {
    const { runGenerate } = await import('./generate-run.js');
    await runGenerate(io, state, files, opts);
  });
}
