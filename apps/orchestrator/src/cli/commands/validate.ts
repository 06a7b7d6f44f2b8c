// `onexgen validate ...`: the response-validator's own CLI (onexgen-validate), run with the same
// arguments. @onexgen/response-validator does not export its CLI function, so its bin is run as a
// child process (same Node, output and exit code passed through).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { OnexgenError } from '../../errors.js';
import type { CliIO } from '../io.js';
import type { RunState } from '../run-state.js';

function validatorBin(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('@onexgen/response-validator/package.json');
  const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { bin?: Record<string, string> };
  const bin = pkg.bin?.['onexgen-validate'];
  if (!bin) throw new OnexgenError('USAGE', '@onexgen/response-validator ships no onexgen-validate bin');
  return join(dirname(manifest), bin);
}

export function registerValidate(program: Command, io: CliIO, state: RunState): void {
  program
    .command('validate')
    .description('validate Python files or LLM answers (the onexgen-validate CLI; `onexgen validate --help`)')
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .argument('[args...]', 'arguments of onexgen-validate')
    .action(async (args: string[]) => {
      const child = spawn(process.execPath, [validatorBin(), ...args], { cwd: io.cwd, env: io.env as NodeJS.ProcessEnv, stdio: ['inherit', 'pipe', 'pipe'] });
      child.stdout.on('data', (d: Buffer) => io.stdout(d.toString('utf8')));
      child.stderr.on('data', (d: Buffer) => io.stderr(d.toString('utf8')));
      state.exitCode = await new Promise<number>((resolve, reject) => {
        child.on('error', reject);
        child.on('close', (code) => resolve(code ?? 2));
      });
    });
}
