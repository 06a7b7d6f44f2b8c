#!/usr/bin/env node
// Copies the modules the ONEX stand-in mirrors out of the full omnibase_core API index into
// scripts/onex-api/, so generation and tests never read the shared index at run or test time.
// Usage: node scripts/copy-api-subset.mjs PATH/TO/omnibase_core-0.3.1.json
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const source = process.argv[2];
if (!source) {
  console.error('usage: node scripts/copy-api-subset.mjs PATH/TO/omnibase_core-<version>.json');
  process.exit(2);
}
const { modules: wanted } = JSON.parse(readFileSync(join(here, 'runtime-modules.json'), 'utf8'));
const index = JSON.parse(readFileSync(source, 'utf8'));
const missing = wanted.filter((name) => !(name in index.modules));
if (missing.length > 0) {
  console.error(`not in the index: ${missing.join(', ')}`);
  process.exit(1);
}
const subset = {
  package: index.package,
  source: index.source,
  copiedFrom: source.split('/').pop(),
  modules: Object.fromEntries(wanted.map((name) => [name, index.modules[name]])),
};
mkdirSync(join(here, 'onex-api'), { recursive: true });
const out = join(here, 'onex-api', 'omnibase_core-subset.json');
writeFileSync(out, `${JSON.stringify(subset, null, 1)}\n`);
console.log(`${wanted.length} modules → ${out}`);
