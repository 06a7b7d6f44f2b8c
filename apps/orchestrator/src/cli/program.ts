// The `onexgen` command tree. Commands throw OnexgenError; runCli turns errors into exit codes.
// Only commander and the command definitions load here: each command imports what it needs when it
// runs, so `--version` and `--help` stay fast.
import { Command, CommanderError } from 'commander';
import { OnexgenError } from '@onexgen/pipeline/errors';
import { VERSION } from '../package-version.js';
import { registerBudget } from './commands/budget.js';
import { registerConfig } from './commands/config.js';
import { registerDb } from './commands/db.js';
import { registerDoctor } from './commands/doctor.js';
import { registerEval } from './commands/eval.js';
import { registerExplain } from './commands/explain.js';
import { registerHistory } from './commands/history.js';
import { registerFill } from './commands/fill.js';
import { registerGenerate } from './commands/generate.js';
import { registerMetrics } from './commands/metrics.js';
import { registerPatterns } from './commands/patterns.js';
import { registerStatus } from './commands/status.js';
import { registerStubs } from './commands/stubs.js';
import { registerTemplates } from './commands/templates.js';
import { registerUndo } from './commands/undo.js';
import { registerValidate } from './commands/validate.js';
import { registerWorker } from './commands/worker.js';
import type { CliIO } from './io.js';
import { redactor } from './redact.js';
import type { RunState } from './run-state.js';

export { VERSION };

type CommandRegistrar = (program: Command, io: CliIO, state: RunState) => void;

const registrars: CommandRegistrar[] = [
  registerGenerate,
  registerFill,
  (p, io) => registerStubs(p, io),
  (p, io) => registerExplain(p, io),
  registerValidate,
  registerEval,
  (p, io) => registerMetrics(p, io),
  (p, io) => registerPatterns(p, io),
  (p, io) => registerTemplates(p, io),
  (p, io) => registerDb(p, io),
  (p, io) => registerUndo(p, io),
  registerDoctor,
  (p, io) => registerConfig(p, io),
  (p, io) => registerHistory(p, io),
  (p, io) => registerBudget(p, io),
  registerWorker,
  registerStatus,
];

export function buildProgram(io: CliIO, state: RunState): Command {
  const program = new Command('onexgen')
    .description('Fill ONEX v2.0 node stubs with validated business logic written by an LLM.')
    .version(VERSION)
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) });
  for (const register of registrars) register(program, io, state);
  const configure = (cmd: Command): void => {
    cmd.exitOverride().configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) });
    cmd.commands.forEach(configure);
  };
  program.commands.forEach(configure);
  return program;
}

/** Runs the CLI and returns its exit code: 0 ok, 1 some methods fell back, 2 usage/input, 3 provider/budget. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const state: RunState = { exitCode: 0 };
  const redact = redactor(io.env);
  const safeIO: CliIO = { ...io, stdout: (t) => io.stdout(redact(t)), stderr: (t) => io.stderr(redact(t)) };
  try {
    await buildProgram(safeIO, state).parseAsync(argv, { from: 'user' });
    return state.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and version exit through here with code 0
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof OnexgenError) {
      safeIO.stderr(`onexgen: ${err.message}\n`);
      return err.exitCode;
    }
    safeIO.stderr(`onexgen: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 2;
  }
}
