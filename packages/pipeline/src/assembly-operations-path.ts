// Locates the built module of the operations the validation thread runs for the pipeline
// (dist/assembly-operations.js). Directly in src/ so the same relative URL works from src/ (jest)
// and from the build (dist/index.js or dist/index.cjs).
import { fileURLToPath } from 'node:url';

export function assemblyOperationsFile(): string {
  return fileURLToPath(new URL('../dist/assembly-operations.js', import.meta.url));
}
