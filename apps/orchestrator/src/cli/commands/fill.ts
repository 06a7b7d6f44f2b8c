// `onexgen fill <node.py...>`: fill the stubs of existing node files. The work is loaded when the
// command runs (fill-run.ts).
import type { Command } from 'commander';
import { addCommonOptions } from '../common-options.js';
import { STRATEGY_OPTION_HELP } from '../strategy-option.js';
import type { CliIO } from '../io.js';
import type { RunState } from '../run-state.js';
import type { FillOptions } from './fill-run.js';

export function registerFill(program: Command, io: CliIO, state: RunState): void {
  addCommonOptions(
    program
      .command('fill')
      .description('fill the stubs of node files (written to <name>.filled.py unless --out or --in-place)')
      .argument('<node.py...>', 'Python node files')
      .option('--spec <file>', 'the node spec (otherwise contract.yaml beside the node, else read from the file: base class, class name, docstring)')
      .option('--out <file>', 'where to write the filled file (one input only)')
      .option('--in-place', 'replace the input file (atomically, when the node is complete)')
      .option('--offline', 'use no LLM: learned templates, patterns, then fallbacks')
      .option('--json', 'print one JSON document')
      .option('--file-concurrency <n>', 'files processed at once')
      .option('--include-uncertain', 'also fill methods whose stub evidence is mixed (see `onexgen stubs --include-uncertain`)')
      .option('--force', '--in-place: write files that git reports as modified or untracked')
      .option('--max-file-bytes <n>', 'refuse larger node files (default 2 MiB)')
      .option('--strategy <name>', STRATEGY_OPTION_HELP),
  ).action(async (files: string[], opts: FillOptions) => {
    const { runFill } = await import('./fill-run.js');
    await runFill(io, state, files, opts);
  });
}
