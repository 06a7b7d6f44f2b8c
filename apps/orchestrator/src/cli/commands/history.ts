// `onexgen history` lists recent generations with their ids; `onexgen feedback ID accept|reject|edited`
// records a person's verdict on one (history-run.ts, loaded on use).
import { Argument, type Command } from 'commander';
import { DB_OPTION_HELP } from '../db-target.js';
import type { CliIO } from '../io.js';
import type { FeedbackOptions, HistoryOptions } from './history-run.js';

export function registerHistory(program: Command, io: CliIO): void {
  program
    .command('history')
    .description('recent generations with their ids (for `onexgen feedback`), newest first; with an id, that generation\'s model attempts')
    .argument('[id]', 'a generation id or its first 8 characters: each attempt\'s verdict and code')
    .option('--prompt', 'with an id: print each attempt\'s whole prompt too')
    .option('--limit <n>', 'how many (default 20)')
    .option('--since <when>', 'only since (7d, 12h, 2w or a date)')
    .option('--db <url|path>', DB_OPTION_HELP)
    .option('--config <file>', 'configuration file')
    .option('--json', 'print JSON')
    .action(async (id: string | undefined, opts: HistoryOptions) => {
      const { runHistory, runHistoryOf } = await import('./history-run.js');
      await (id === undefined ? runHistory(io, opts) : runHistoryOf(io, id, opts));
    });
  program
    .command('feedback')
    .description('say whether a generation was right: fills its feedback, moves the effectiveness of the patterns it was shown, approves or retires the template learned from it')
    .argument('<id>', 'generation id, or its first 8 characters (see `onexgen history`)')
    .addArgument(new Argument('<verdict>', 'accept (used as written), edited (used after changes) or reject').choices(['accept', 'reject', 'edited']))
    .option('--note <text>', 'what was wrong or changed (stored with the generation)')
    .option('--db <url|path>', DB_OPTION_HELP)
    .option('--config <file>', 'configuration file')
    .option('--json', 'print JSON')
    .action(async (id: string, verdict: 'accept' | 'reject' | 'edited', opts: FeedbackOptions) => {
      const { runFeedback } = await import('./history-run.js');
      await runFeedback(io, id, verdict, opts);
    });
}
