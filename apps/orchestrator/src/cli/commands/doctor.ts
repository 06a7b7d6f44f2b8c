// `onexgen doctor`: is this machine ready for a run? Node and Python, the database, each configured
// provider (key present, one tiny request and its cost), the ONEX runtime (doctor-run.ts, loaded on use).
import type { Command } from 'commander';
import { DB_OPTION_HELP } from '../db-target.js';
import type { CliIO } from '../io.js';
import type { RunState } from '../run-state.js';
import type { DoctorOptions } from './doctor-run.js';

export function registerDoctor(program: Command, io: CliIO, state: RunState): void {
  program
    .command('doctor')
    .description('check Node, Python, the database, each configured provider (one tiny paid request each) and the ONEX runtime; exit 1 when one fails')
    .option('--db <url|path>', DB_OPTION_HELP)
    .option('--config <file>', 'configuration file (instead of ./onexgen.config.*)')
    .option('--provider <name>', 'LLM provider (as for generate)')
    .option('--base-url <url>', 'provider base URL')
    .option('--model <name>', 'model name')
    .option('--python <path>', 'the Python to check (default: python3 >= 3.10 on PATH)')
    .option('--no-providers', 'skip the provider requests (nothing is spent)')
    .option('--json', 'print JSON')
    .action(async (opts: DoctorOptions) => {
      const { runDoctor } = await import('./doctor-run.js');
      state.exitCode = await runDoctor(io, opts);
    });
}
