// Loads the parser straight from src/ for the dev tools: esbuild bundles src/parser/index.ts into
// an ESM file under node_modules/.cache (~50 ms; there bare imports resolve), so the tools never depend on a dist build of the whole package.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

export async function importParserFromSource() {
  const entry = fileURLToPath(new URL('../src/parser/index.ts', import.meta.url));
  const outfile = fileURLToPath(new URL(`../node_modules/.cache/rv-parser/parser-${process.pid}.mjs`, import.meta.url));
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  try {
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(outfile, { force: true });
  }
}
