// @dqbd/tiktoken compiles its WebAssembly as it loads: importing @onexgen/onex/tokens must not load
// it, the first encoder does. Checked in a child process on the built module (what commands run),
// where Node's own module cache says what was loaded.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

const BUILT = fileURLToPath(new URL('../dist/tokens.js', import.meta.url));

const probe = `
import { createRequire } from 'node:module';
const cache = createRequire(import.meta.url).cache;
const loaded = () => Object.keys(cache).some((file) => file.includes('@dqbd/tiktoken'));
const tokens = await import(${JSON.stringify(BUILT)});
const afterImport = loaded();
const text = 'def apply(self): return 1';
const count = tokens.countTokens(text);
const afterCount = loaded();
const reference = createRequire(import.meta.url)('@dqbd/tiktoken').get_encoding('cl100k_base');
console.log(JSON.stringify({ afterImport, afterCount, count, expected: reference.encode_ordinary(text).length }));
reference.free();
tokens.freeTokenizers();
`;

describe('@onexgen/onex/tokens loads the tokenizer on first use', () => {
  it('leaves @dqbd/tiktoken unloaded until something counts, then counts exactly', () => {
    if (!existsSync(BUILT)) throw new Error('packages/onex/dist/tokens.js is missing: build first (cd packages/onex && npx tsup)');
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8' });
    expect(child.stderr).toBe('');
    const seen = JSON.parse(child.stdout) as { afterImport: boolean; afterCount: boolean; count: number; expected: number };
    expect(seen.afterImport).toBe(false);
    expect(seen.afterCount).toBe(true);
    expect(seen.count).toBe(seen.expected);
  });
});
