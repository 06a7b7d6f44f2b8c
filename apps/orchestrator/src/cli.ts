// Entry of the `onexgen` command (bin/onexgen.js imports the built copy of this file).
import { processIO } from './cli/io.js';
import { OnexgenError } from './errors.js';
import { runCli } from './cli/program.js';

export { buildProgram, runCli } from './cli/program.js';

/** argv as in process.argv (node, script, ...args). SIGINT/SIGTERM abort the run; inputs stay untouched. */
export async function main(argv: string[]): Promise<void> {
  const controller = new AbortController();
  const stop = (): void => controller.abort(new OnexgenError('INTERRUPTED', 'interrupted: the unfinished nodes were not written, inputs are untouched'));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const code = await runCli(argv.slice(2), processIO(controller.signal));
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  process.exitCode = code;
}
