// Locates the built script of the validation thread (dist/validator-thread.js). This file sits
// directly in src/ so the same relative URL works from src/ (jest) and from the build (dist/index.js
// or dist/index.cjs, both directly in dist/).
import { fileURLToPath } from 'node:url';

export function validatorThreadFile(): string {
  return fileURLToPath(new URL('../dist/validator-thread.js', import.meta.url));
}
