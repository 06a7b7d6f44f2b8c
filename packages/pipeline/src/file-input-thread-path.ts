// Locates the built script of the thread that parses a large node file (dist/file-input-thread.js).
// This file sits directly in src/ so the same relative URL works from src/ (jest) and from the build
// (dist/index.js or one of its chunks, all directly in dist/).
import { fileURLToPath } from 'node:url';

export function fileInputThreadFile(): string {
  return fileURLToPath(new URL('../dist/file-input-thread.js', import.meta.url));
}
