import { fileURLToPath } from 'node:url';

// The one place that locates the shipped templates: works from src/ under jest and from the flat
// dist/ bundle (tsup `shims: true` provides import.meta.url in the CJS build).
export const TEMPLATES_DIR = fileURLToPath(new URL('../templates/', import.meta.url));
