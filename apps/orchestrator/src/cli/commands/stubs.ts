// `onexgen stubs <node.py>`: list the stubs the pipeline would fill (and, when asked, the uncertain
// ones). The work is in stubs-run.ts, loaded when the command runs.
import type { Command } from 'commander';
import type { CliIO } from '../io.js';
import type { StubsOptions } from './stubs-run.js';

export function registerStubs(program: Command, io: CliIO): void {
  program
    .command('stubs')
    .description('list the stub methods of a node file')
    .argument('<node.py>', 'Python node file')
    .option('--json', 'print JSON')
    .option('--include-uncertain', 'also list methods whose evidence is mixed (and why)')
    .option('--max-file-bytes <n>', 'refuse larger node files (default 2 MiB)')
    .action(async (file: string, opts: StubsOptions) => {
      const { runStubs } = await import('./stubs-run.js');
      await runStubs(io, file, opts);
    });
}
