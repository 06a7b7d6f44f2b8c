// The run's reference index: the directories named by `--references` / the `references` config key,
// read once per run, each file once per content (cached by hash under .onexgen/references so the
// next run parses only what changed).
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildReferenceIndex, type ReferenceIndex } from '@onexgen/context-builder';
import type { PythonParser } from '@onexgen/response-validator';
import { OnexgenError } from '../errors.js';

export function loadReferenceIndex(dirs: readonly string[] | undefined, parser: PythonParser, cwd: string): ReferenceIndex | undefined {
  if (!dirs?.length) return undefined;
  const absolute = dirs.map((d) => resolve(cwd, d));
  for (const [i, dir] of absolute.entries()) {
    let isDir = false;
    try {
      isDir = statSync(dir).isDirectory();
    } catch {
      // reported below
    }
    if (!isDir) throw new OnexgenError('CONFIG_INVALID', `references: "${dirs[i]}" is not a directory (${dir})`);
  }
  try {
    return buildReferenceIndex({ parser, dirs: absolute, root: cwd, cacheDir: join(cwd, '.onexgen', 'references') });
  } catch (cause) {
    throw new OnexgenError('CONFIG_INVALID', `references: ${(cause as Error).message}`, { cause });
  }
}
