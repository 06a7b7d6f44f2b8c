// Entry of the `onexgen` command (bin/onexgen.js imports the built copy of this file).
import { Command } from 'commander';

export function buildProgram(): Command {
  return new Command('onexgen')
    .description('Fill ONEX v2.0 node stubs with validated business logic written by an LLM.')
    .version('0.1.0')
    .showHelpAfterError();
}

export async function main(argv: string[]): Promise<void> {
  await buildProgram().parseAsync(argv);
}
