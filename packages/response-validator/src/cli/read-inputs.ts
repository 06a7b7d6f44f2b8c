// Turns the CLI's <file|dir|-> arguments into texts to validate, refusing what cannot be Python:
// unreadable paths, binary data, empty input, files over the size limit. Directories are walked
// for *.py (dependency and VCS folders skipped), in a stable order.
import fs from 'node:fs';
import path from 'node:path';
import { ValidatorError } from '../errors.js';

export interface InputText {
  file: string;
  text: string;
}

export interface InputPath {
  path: string;
  /** found by walking a directory (an empty __init__.py there is normal, not an input error) */
  walked: boolean;
}

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', '__pycache__', '.venv', 'venv', '.tox', '.mypy_cache', '.pytest_cache', 'dist', 'build']);

/**
 * Expands directories into their *.py files; files and '-' pass through. Missing paths are kept
 * (reported when read). Relative paths are read from `cwd` and keep the form they were given in.
 */
export function expandInputs(args: string[], cwd = process.cwd()): InputPath[] {
  const out: InputPath[] = [];
  for (const arg of args) {
    let stat: fs.Stats | undefined;
    try {
      stat = arg === '-' ? undefined : fs.statSync(path.resolve(cwd, arg));
    } catch {
      stat = undefined;
    }
    if (stat?.isDirectory()) walk(arg, cwd, out);
    else out.push({ path: arg, walked: false });
  }
  return out;
}

function walk(dir: string, cwd: string, out: InputPath[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(path.resolve(cwd, dir), { withFileTypes: true });
  } catch {
    out.push({ path: dir, walked: false }); // reported as unreadable when read
    return;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) walk(p, cwd, out);
    } else if (e.isFile() && e.name.endsWith('.py')) out.push({ path: p, walked: true });
  }
}

export function readInput(input: InputPath, maxBytes: number, readStdin: () => Uint8Array, cwd = process.cwd()): InputText {
  const file = input.path;
  let data: Uint8Array;
  try {
    if (file === '-') data = readStdin();
    else {
      const size = fs.statSync(path.resolve(cwd, file)).size;
      if (size > maxBytes) throw tooLarge(file, size, maxBytes);
      data = fs.readFileSync(path.resolve(cwd, file));
    }
  } catch (cause) {
    if (cause instanceof ValidatorError) throw cause;
    const code = (cause as NodeJS.ErrnoException).code ?? 'EIO';
    const why = code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : code;
    throw new ValidatorError('INPUT_UNREADABLE', `cannot read ${file === '-' ? 'stdin' : file}: ${why}`, { cause });
  }
  const label = file === '-' ? 'stdin' : file;
  if (data.length > maxBytes) throw tooLarge(label, data.length, maxBytes);
  if (data.subarray(0, 8192).includes(0)) throw new ValidatorError('INPUT_BINARY', `${label} is a binary file (NUL bytes), not Python source`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch (cause) {
    throw new ValidatorError('INPUT_BINARY', `${label} is not UTF-8 text`, { cause });
  }
  if (text.trim() === '' && !input.walked) throw new ValidatorError('INPUT_EMPTY', `${label} is empty: nothing to validate`);
  return { file: label, text };
}

function tooLarge(file: string, size: number, max: number): ValidatorError {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return new ValidatorError('INPUT_TOO_LARGE', `${file} is ${mb(size)}, over the ${mb(max)} limit (raise it with --max-bytes)`);
}
