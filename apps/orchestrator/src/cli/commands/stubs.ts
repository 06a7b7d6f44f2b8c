// `onexgen stubs <node.py>`: list the stubs the pipeline would fill (stubs-run.ts, loaded on use).
import type { Command } from 'commander';
import type { CliIO } from '../io.js';

export function registerStubs(program: Command, io: CliIO): void {
  program
    .command('stubs')
    .description('list the stub methods of a node file')
    .argument('<node.py>', 'Python node file')
    .option('--json', 'print JSON')
    .action(async (file: string, opts: { json?: boolean }) => {
      const { runStubs } = await import('./stubs-run.js');
      await runStubs(io, file, opts);
    });
}
