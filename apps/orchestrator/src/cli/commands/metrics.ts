// `onexgen metrics [--since 7d] [--json] [--html FILE] [--by prompt-version|arm]`: what the recorded runs cost and how they
// went (metrics-run.ts, loaded on use).
import type { Command } from 'commander';
import { DB_OPTION_HELP } from '../db-target.js';
import type { CliIO } from '../io.js';
import type { MetricsOptions } from './metrics-run.js';

export function registerMetrics(program: Command, io: CliIO): void {
  program
    .command('metrics')
    .description('report recorded generations, attempts, cost, latency and fallbacks (reads an existing database; creates none)')
    .option('--since <when>', 'only runs since (7d, 12h, 2w or a date)')
    .option('--db <url|path>', DB_OPTION_HELP)
    .option('--config <file>', 'configuration file')
    .option('--json', 'print JSON')
    .option('--html <file>', 'also write an HTML report with charts')
    .option('--by <dimension>', 'prompt A/B: per prompt-version or arm (experiment arm), pass rate, attempts, tokens, cost and whether the difference is significant')
    .action(async (opts: MetricsOptions) => {
      const { runMetrics } = await import('./metrics-run.js');
      await runMetrics(io, opts);
    });
}
