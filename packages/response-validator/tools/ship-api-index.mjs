// Writes the index shipped in data/api/ from a full index file (JSON): compacted to what the api/*
// rules read and gzip-compressed. Run after replacing the source index:
//   node packages/response-validator/tools/ship-api-index.mjs <full-index.json> packages/response-validator/data/api/omnibase_core-0.3.1.json.gz
import { build } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: ship-api-index.mjs <full-index.json> <out.json.gz>');
  process.exit(2);
}
const outfile = fileURLToPath(new URL(`../node_modules/.cache/rv-api/compact-${process.pid}.mjs`, import.meta.url));
await build({
  entryPoints: [fileURLToPath(new URL('../src/api-index/compact.ts', import.meta.url))],
  outfile, bundle: true, format: 'esm', platform: 'node', target: 'node20', packages: 'external', logLevel: 'error',
});
const { compactApiIndex } = await import(pathToFileURL(outfile).href);
rmSync(outfile, { force: true });
const full = JSON.parse(readFileSync(input, 'utf8'));
const json = JSON.stringify(compactApiIndex(full));
const gz = gzipSync(json, { level: 9 });
writeFileSync(output, gz);
console.log(`${output}: ${Object.keys(full.modules).length} modules; full ${readFileSync(input).length} B, compact ${json.length} B, gzip ${gz.length} B`);
