// Runs the BUILT `onexgen` (bin/onexgen.js → dist/cli.js) as a child process.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CliRun } from './run-in-process.js';

export const BIN = fileURLToPath(new URL('../../bin/onexgen.js', import.meta.url));
const DIST = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export function assertBuilt(): void {
  if (!existsSync(DIST)) throw new Error('apps/orchestrator/dist/cli.js is missing: build first (cd apps/orchestrator && npx tsup)');
}

/** How the child runs: its folder, its whole environment (plus PATH), node's own flags before the CLI. */
export interface BuiltCliOptions {
  cwd: string;
  env: Record<string, string>;
  nodeArgs?: string[];
}

/** The child gets only the environment given (plus PATH): no DATABASE_URL or keys leak in from the test runner. */
export function runBuiltCli(args: string[], options: BuiltCliOptions): Promise<CliRun> {
  return startBuiltCli(args, options).done;
}

/** The same, with the child process at hand (to signal it). */
export function startBuiltCli(args: string[], options: BuiltCliOptions): { child: ChildProcess; done: Promise<CliRun> } {
  let child!: ChildProcess;
  const done = new Promise<CliRun>((resolve, reject) => {
    child = spawn(process.execPath, [...(options.nodeArgs ?? []), BIN, ...args], {
      cwd: options.cwd,
      env: { PATH: process.env.PATH ?? '', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
  return { child, done };
}
