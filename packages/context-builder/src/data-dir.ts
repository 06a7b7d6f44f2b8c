import { fileURLToPath } from 'node:url';

// The one place that knows where shipped files live: '../' from src/ under jest and from the flat
// dist/ bundle alike (tsup `shims: true` provides import.meta.url in the CJS build).
export const DATA_DIR = fileURLToPath(new URL('../data/', import.meta.url));
export const TEMPLATES_DIR = fileURLToPath(new URL('../templates/', import.meta.url));
