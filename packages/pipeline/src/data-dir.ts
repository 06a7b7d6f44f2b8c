import { fileURLToPath } from 'node:url';

// The only module that locates shipped data: works from src/ under jest and from the flat dist/ bundle.
export const TEMPLATES_DIR = fileURLToPath(new URL('../templates/', import.meta.url));
