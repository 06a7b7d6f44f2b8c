import { readFileSync } from 'node:fs';

// The version users see in `onexgen --version`: the package's own, so a release (nx release writes
// package.json) never leaves a stale copy in code. Works from src/ under jest and from dist/.
export const VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
