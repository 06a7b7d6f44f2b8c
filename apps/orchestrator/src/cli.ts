// Entry of the `onexgen` command (bin/onexgen.js imports the built copy of this file).
import { disposeSharedCounters } from '@onexgen/context-builder';
import { freeTokenizers } from '@onexgen/onex/tokens';
import { processIO } from './cli/io.js';
import { handleInterrupts } from './cli/interrupt.js';
import { runCli } from './cli/program.js';

export { buildProgram, runCli } from './cli/program.js';

/** argv as in process.argv (node, script, ...args). SIGINT/SIGTERM abort the run; inputs stay untouched. */
export async function main(argv: string[]): Promise<void> {
  const controller = new AbortController();
  const release = handleInterrupts(controller, { json: argv.includes('--json') });
  let code: number;
  try {
    code = await runCli(argv.slice(2), processIO(controller.signal));
  } finally {
    release();
    // tiktoken encoders live in WASM memory the GC never frees: the process's shutdown frees them
    disposeSharedCounters();
    freeTokenizers();
  }
  process.exitCode = code;
}
