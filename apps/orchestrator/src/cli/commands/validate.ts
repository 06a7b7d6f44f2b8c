// `onexgen validate ...`: the response-validator's own CLI (onexgen-validate), run in this process
// with the same arguments through its exported runValidateCli: same output, same exit codes.
import type { Command } from 'commander';
import type { CliIO } from '../io.js';
import type { RunState } from '../run-state.js';

export function registerValidate(program: Command, io: CliIO, state: RunState): void {
  program
    .command('validate')
    .description('validate Python files or LLM answers (the onexgen-validate CLI; `onexgen validate --help`)')
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .argument('[args...]', 'arguments of onexgen-validate')
    .action(async (args: string[]) => {
      // loaded when the command runs: start-up and other commands never load the parser
      const { runValidateCli } = await import('@onexgen/response-validator');
      state.exitCode = await runValidateCli(args, { stdout: io.stdout, stderr: io.stderr, cwd: io.cwd }).catch((err: unknown) => {
        // as the onexgen-validate bin reports a failure of its own: exit 2, never a pass
        io.stderr(`onexgen-validate: unexpected failure: ${(err as Error)?.stack ?? String(err)}\n`);
        return 2;
      });
    });
}
