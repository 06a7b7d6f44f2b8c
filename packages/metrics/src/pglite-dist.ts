// Where the installed PGlite's files are (its entry's folder): its WebAssembly sits there, and its
// package.json a few levels up (not exported, so it cannot be resolved by name).
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

export function pgliteDistDir(): string {
  return dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
}
