// The one place that locates the package's data files (rule profiles, Python name lists).
// Resolved relative to this module: works from src/ under jest and from the flat dist/ bundle
// (tsup `shims: true` provides import.meta.url in the CJS build).
import { fileURLToPath } from 'node:url';

export const DATA_DIR = fileURLToPath(new URL('../data/', import.meta.url));
