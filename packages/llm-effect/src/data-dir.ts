import { fileURLToPath } from 'node:url';

/** The package's data folder (model catalog); works from src/ under jest and from the flat dist/ bundle. */
export const DATA_DIR = fileURLToPath(new URL('../data/', import.meta.url));
