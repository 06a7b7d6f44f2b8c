// `onexgen eval SUITE [--strategy a,b] [--models m1,m2] [--repeat k]` and `onexgen eval-report RUN...`:
// measure strategies on example-bearing specs; the work loads when the command runs (eval-run.ts).
import type { Command } from 'commander';
import { addCommonOptions, type CommonOptions } from '../common-options.js';
import { DB_OPTION_HELP } from '../db-target.js';
import type { CliIO } from '../io.js';
import type { RunState } from '../run-state.js';
import type { EvalOptions, EvalReportOptions } from './eval-run.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerEval(program: Command, io: CliIO, state: RunState): void {
  addCommonOptions(
    program
      .command('eval')
      .description('run a suite of example-bearing specs under strategies and models; report pass@1/pass@k with intervals and whether the difference is significant; store the run')
      .argument('<suite...>', 'a directory of spec files, or spec files')
      .option('--strategy <names>', 'strategies to compare, comma-separated or repeated (single-pass, one-shot, ...)', collect)
      .option('--models <names>', 'models to compare, comma-separated (default: the configured model)')
      .option('--repeat <k>', 'samples per method and arm (pass@k uses k)', '1')
      .option('--label <text>', 'a label stored with the run')
      .option('--learn', 'let the eval learn templates and pattern effectiveness (off by default: a measurement changes nothing later runs see)')
      .option('--json', 'print one JSON document')
      .option('--html <file>', 'also write an HTML report'),
  ).action(async (suite: string[], opts: CommonOptions & EvalOptions) => {
    const { runEvalCommand } = await import('./eval-run.js');
    await runEvalCommand(io, state, suite, opts);
  });
  program
    .command('eval-report')
    .description('report stored eval runs again; several runs are compared arm by arm')
    .argument('<run...>', 'eval run ids (or their first 8 characters)')
    .option('--db <url|path>', DB_OPTION_HELP)
    .option('--config <file>', 'configuration file')
    .option('--json', 'print JSON')
    .option('--html <file>', 'also write an HTML report')
    .action(async (runs: string[], opts: EvalReportOptions) => {
      const { runEvalReport } = await import('./eval-run.js');
      await runEvalReport(io, runs, opts);
    });
}
