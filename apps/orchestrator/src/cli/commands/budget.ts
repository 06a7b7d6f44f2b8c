// `onexgen budget status|set`: the budget pools runs draw from — spend this period, what is left,
// alert level, hard or soft — and changing a pool for every run and worker (budget-run.ts, loaded on use).
import { Option, type Command } from 'commander';
import { DB_OPTION_HELP } from '../db-target.js';
import type { CliIO } from '../io.js';
import type { BudgetSetOptions, BudgetStatusOptions } from './budget-run.js';

export function registerBudget(program: Command, io: CliIO): void {
  const budget = program.command('budget').description('budget pools (per project, per team): status and set');
  budget
    .command('status')
    .description('each pool this period: spent, limit, available (lending included), alert level, state')
    .option('--pool <name>', 'only this pool')
    .option('--db <url|path>', DB_OPTION_HELP)
    .option('--config <file>', 'configuration file')
    .option('--json', 'print JSON')
    .action(async (opts: BudgetStatusOptions) => {
      const { runBudgetStatus } = await import('./budget-run.js');
      await runBudgetStatus(io, opts);
    });
  budget
    .command('set')
    .description('create or change a pool in the database (overrides the configuration file, for every run and worker)')
    .argument('<name>', 'pool name')
    .option('--amount <usd>', 'amount per period, in US dollars')
    .addOption(new Option('--period <period>', 'budget period').choices(['day', 'week', 'month', 'all']))
    .addOption(new Option('--mode <mode>', 'at the limit: hard stops runs, soft moves them to cheaper tiers').choices(['hard', 'soft']))
    .option('--parent <name>', 'the pool this one belongs to')
    .option('--lend', 'children of this pool may spend what their siblings leave unused')
    .option('--no-lend', 'children of this pool keep to their own amount')
    .option('--db <url|path>', DB_OPTION_HELP)
    .option('--config <file>', 'configuration file')
    .action(async (name: string, opts: BudgetSetOptions) => {
      const { runBudgetSet } = await import('./budget-run.js');
      await runBudgetSet(io, name, opts);
    });
}
