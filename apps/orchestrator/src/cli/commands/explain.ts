// `onexgen explain <spec|node.py> [--method NAME]`: the context a method would get and its token
// budget table, without calling a model (explain-run.ts, loaded on use).
import type { Command } from 'commander';
import { collect } from '../common-options.js';
import type { CliIO } from '../io.js';
import type { ExplainOptions } from './explain-run.js';

export function registerExplain(program: Command, io: CliIO): void {
  program
    .command('explain')
    .description('show the context (sections, tokens, truncation) a method would be generated with; no LLM call')
    .argument('<input>', 'a node spec (YAML/JSON) or a node file (.py)')
    .option('--method <name>', 'the stub method (default: the first)')
    .option('--spec <file>', 'for a node file: its spec')
    .option('--model <name>', 'the model whose tokenizer counts')
    .option('--config <file>', 'configuration file')
    .option('--json', 'print the built context as JSON')
    .option('--references <dir>', 'reference node files to rank for the references section (repeatable)', collect)
    .action(async (input: string, opts: ExplainOptions) => {
      const { runExplain } = await import('./explain-run.js');
      await runExplain(io, input, opts);
    });
}
