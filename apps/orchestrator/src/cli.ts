// Entry of the `onexgen` command (bin/onexgen.js imports the built copy of this file).
// Nothing heavy is imported here: `--version` and `--help` must not load the tokenizer, database or
// LLM client (a command loads what it needs when it runs; see cli/program.ts).
import { runAtExit } from './cli/at-exit.js';
import { processIO } from './cli/io.js';
import { handleInterrupts } from './cli/interrupt.js';
import { runCli } from './cli/program.js';

const WORKER_GRACE_MS = 15 * 60_000;

export { buildProgram, runCli } from './cli/program.js';

/** argv as in process.argv (node, script, ...args). SIGINT/SIGTERM abort the run; inputs stay untouched. */
export async function main(argv: string[]): Promise<void> {
  const controller = new AbortController();
  // a worker drains its in-flight jobs on SIGTERM (bounded by its --drain-seconds), far longer
  // than a run's one-second grace: it ends itself, the forced exit is only for a hung one
  const worker = argv[2] === 'worker';
  const release = handleInterrupts(controller, { json: argv.includes('--json'), ...(worker ? { graceMs: WORKER_GRACE_MS } : {}) });
  let code: number;
  try {
    code = await runCli(argv.slice(2), processIO(controller.signal));
  } finally {
    release();
    // e.g. the token encoders, registered by the commands that counted (cli/free-encoders.ts)
    runAtExit();
  }
  process.exitCode = code;
  // A stopped run has said why and kept what it keeps (records flushed, nothing half written); what
  // was still starting when the signal came (the sandbox's Python, the database's thread) is not
  // waited for: the sandbox's worker exits on its stdin's end, the thread with the process.
  if (controller.signal.aborted) process.exit(code);
}
