// Locates the embedded database's thread script (pglite-thread/thread.mjs, shipped in the tarball
// beside dist/). This file sits directly in src/ so the same relative URL works from src/ (jest, tsc
// paths) and from the build (dist/index.js).
import { fileURLToPath } from 'node:url';

export function pgliteThreadFile(): string {
  return fileURLToPath(new URL('../pglite-thread/thread.mjs', import.meta.url));
}
