// Finding the interpreter: the one asked for, else the first python3 / python ≥ 3.10 on PATH. The
// probe reports sys.executable, so the worker later runs the real binary (not a pyenv shim).
import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import type { PythonInfo } from './results.js';

const run = promisify(execFile);
export const MIN_PYTHON: readonly [number, number] = [3, 10];
const PROBE = 'import json, sys; print(json.dumps({"path": sys.executable, "version": list(sys.version_info[:3])}))';

export type FoundPython = { python: PythonInfo } | { reason: string };

async function executable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function candidates(requested: string | undefined, env: Record<string, string>): Promise<string[]> {
  if (requested) return [requested];
  const found: string[] = [];
  for (const name of ['python3', 'python']) {
    for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
      const path = join(dir, name);
      if (!found.includes(path) && (await executable(path))) found.push(path);
    }
  }
  return found;
}

export async function findPython(requested: string | undefined, env: Record<string, string>): Promise<FoundPython> {
  const tried: string[] = [];
  for (const candidate of await candidates(requested, env)) {
    try {
      const { stdout } = await run(candidate, ['-c', PROBE], { env, timeout: 15_000 });
      const probe = JSON.parse(stdout.trim()) as { path: string; version: number[] };
      const [major = 0, minor = 0] = probe.version;
      const version = probe.version.join('.');
      if (major > MIN_PYTHON[0] || (major === MIN_PYTHON[0] && minor >= MIN_PYTHON[1])) {
        return { python: { path: probe.path, version } };
      }
      tried.push(`${candidate} is ${version}`);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      tried.push(`${candidate} could not be started (${code ?? (error as Error).message.split('\n')[0]})`);
    }
  }
  const wanted = `Python ≥ ${MIN_PYTHON.join('.')}`;
  if (tried.length === 0) return { reason: `no ${wanted} found (no python3 or python on PATH)` };
  return { reason: `no ${wanted} found: ${tried.join('; ')}` };
}
