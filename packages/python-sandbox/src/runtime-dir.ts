import { fileURLToPath } from 'node:url';

// Where the shipped Python lives: '../runtime/' from src/ under jest and from the flat dist/
// bundle alike (tsup `shims: true` provides import.meta.url in the CJS build).
export const RUNTIME_DIR = fileURLToPath(new URL('../runtime/', import.meta.url));
/** The generated omnibase_core stand-in (scripts/gen-runtime.mjs). */
export const STAND_IN_DIR = fileURLToPath(new URL('../runtime/stand-in/', import.meta.url));
