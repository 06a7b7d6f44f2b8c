import { fileURLToPath } from 'node:url';

// The one place that knows where the shipped data lives: ../data/ from src/ (jest, tsc) and from
// the flat dist/ bundle alike (tsup `shims: true` provides import.meta.url in the CJS build).
export const DATA_DIR = fileURLToPath(new URL('../data/', import.meta.url));
