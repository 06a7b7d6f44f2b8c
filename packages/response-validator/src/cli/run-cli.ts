// The onexgen-validate command: parse flags (commander), read inputs, validate, print one report.
// Exit codes: 0 every input passed · 1 some input has an error-severity issue · 2 usage or I/O error.
// Exported as runValidateCli: the bin runs it, and so does `onexgen validate`, in its own process.
import fs from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { ValidatorError } from '../errors.js';
import { PythonParserError } from '../parser/parser-error.js';
import { BUILT_IN_PROFILES } from '../profiles/built-in.js';
import type { Report, ReportFormat } from '../report/report.js';
import { expandInputs, readInput } from './read-inputs.js';

/** What the CLI touches of the outside world; every field defaults to this process's own. */
export interface ValidateCliIo {
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
  /** the text of `-` (default: this process's stdin) */
  readStdin?: () => Uint8Array;
  /** the directory relative inputs, profile paths and SARIF URIs are resolved against */
  cwd?: string;
}

export type CliIo = Required<ValidateCliIo>;

const DEFAULT_MAX_BYTES = 1024 * 1024;

function withDefaults(io: ValidateCliIo): CliIo {
  return {
    stdout: io.stdout ?? ((t) => process.stdout.write(t)),
    stderr: io.stderr ?? ((t) => process.stderr.write(t)),
    readStdin: io.readStdin ?? (() => fs.readFileSync(0)),
    cwd: io.cwd ?? process.cwd(),
  };
}

interface Flags {
  profile: string;
  format: ReportFormat;
  fromResponse?: boolean;
  fragment?: boolean;
  methodName?: string;
  maxBytes: number;
}

function program(io: CliIo): Command {
  return new Command('onexgen-validate')
    .description('Validate LLM-generated Python: syntax, security, ONEX compliance, quality, patterns\n(onexgen-validate api-index --help: build an API index of a Python package)')
    .argument('<inputs...>', 'files, directories (walked for *.py) or - for stdin')
    .option('--profile <profile>', `rule profile: ${BUILT_IN_PROFILES.join(', ')}, or a path to a YAML/JSON profile`, 'onex-v2')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'))
    .option('--from-response', 'inputs are raw LLM answers: extract the code first')
    .option('--fragment', 'inputs are method bodies (validated inside a synthetic async method)')
    .option('--method-name <name>', 'name of the method the bodies belong to (picks blocks, names the wrapper)')
    .option('--max-bytes <n>', 'refuse inputs larger than this many bytes', (v) => positiveInt(v), DEFAULT_MAX_BYTES)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run onexgen-validate --help for usage)');
}

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new ValidatorError('USAGE', `--max-bytes must be a positive integer, got "${v}"`);
  return n;
}

/**
 * Runs `onexgen-validate` with `argv` (the arguments after the command name) and returns its exit
 * code; never calls process.exit, never changes the process's working directory.
 */
export async function runValidateCli(argv: string[], given: ValidateCliIo = {}): Promise<number> {
  const io = withDefaults(given);
  if (argv[0] === 'api-index') return (await import('./api-index-command.js')).runApiIndexCommand(argv.slice(1), io);
  const cmd = program(io);
  let inputs: string[];
  let flags: Flags;
  try {
    cmd.parse(argv, { from: 'user' });
    inputs = cmd.args;
    flags = cmd.opts<Flags>();
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    io.stderr(`onexgen-validate: ${(err as Error).message}\n`);
    return 2;
  }

  // Loaded only once the arguments are known to be valid: --help and usage errors stay fast.
  const [{ createValidator }, { formatReport }] = await Promise.all([
    import('../validation/validator.js'),
    import('../report/format.js'),
  ]);
  let validator;
  try {
    // a profile path is the user's, relative to their working directory (built-in ids are not paths)
    const profile = (BUILT_IN_PROFILES as readonly string[]).includes(flags.profile) ? flags.profile : path.resolve(io.cwd, flags.profile);
    validator = await createValidator({ profile });
  } catch (err) {
    io.stderr(`onexgen-validate: ${(err as Error).message}\n`);
    return 2;
  }

  const report: Report = { files: [], errors: [] };
  const context = { fragment: !!flags.fragment, ...(flags.methodName ? { methodName: flags.methodName } : {}) };
  for (const input of expandInputs(inputs, io.cwd)) {
    try {
      const { file: label, text } = readInput(input, flags.maxBytes, io.readStdin, io.cwd);
      if (flags.fromResponse) {
        // validateResponse extracts, then validates with the answer's imports counted as bound
        const { extraction, code, syntaxValid, passed, score, breakdown, issues, stats } = validator.validateResponse(text, context);
        const result = { syntaxValid, passed, score, breakdown, issues, stats };
        report.files.push({ file: label, result, code, warnings: extraction.warnings, requiredImports: extraction.imports });
      } else {
        report.files.push({ file: label, result: validator.validate(text, context) });
      }
    } catch (err) {
      const file = input.path === '-' ? 'stdin' : input.path;
      if (err instanceof PythonParserError && err.code === 'SOURCE_TOO_LARGE') {
        report.errors.push({ file, code: 'INPUT_TOO_LARGE', message: `${file}: ${err.message}` });
        continue;
      }
      const code = err instanceof ValidatorError ? err.code : 'INTERNAL';
      report.errors.push({ file, code, message: (err as Error).message });
    }
  }
  if (report.files.length === 0 && report.errors.length === 0) {
    io.stderr('onexgen-validate: no Python files found in the given directories\n');
    return 2;
  }
  io.stdout(formatReport(report, flags.format, { cwd: io.cwd }));
  if (flags.format !== 'text') for (const e of report.errors) io.stderr(`onexgen-validate: ${e.message}\n`);
  if (report.errors.length) return 2;
  return report.files.every((f) => f.result.passed) ? 0 : 1;
}
