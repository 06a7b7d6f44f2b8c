// A streamed call read to its end, left early, or refused before its first token (content filter,
// failed over or failed) leaves nothing running behind it: the stream
// reader's idle timer (30 s by default, ref'd) used to stay armed once the terminal event was read,
// so a CLI stayed alive for 30 s after its last streamed call. Checked in a child process on the
// built package, where nothing else (no test runner) holds timers: once the client and the
// simulator are closed, no timer may be left.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from '@jest/globals';

const BUILT = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const SIM = fileURLToPath(new URL('../../../tools/llm-sim/dist/index.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'onexgen-stream-ends-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Reading = 'all' | 'early' | 'refused';

const probe = (reading: Reading) => `
const { createLLMClient } = await import(${JSON.stringify(BUILT)});
const { startLlmSim } = await import(${JSON.stringify(SIM)});
const refusal = { kind: 'ok', finishReason: 'content_filter', text: '' };
const sim = await startLlmSim({ scenario: { text: 'total = price * quantity\\nreturn total\\n', chunkChars: 4, ...(${reading === 'refused'} ? { script: [refusal] } : {}) } });
const client = createLLMClient(
  { providers: { sim: { kind: 'openai-compatible', baseUrl: sim.url + '/v1', apiKey: 'sk-probe' } }, tiers: { cloud_fast: [{ provider: 'sim', model: 'glm-4.5' }] }, cache: { enabled: false } },
  { env: {} },
);
const stream = client.stream({ prompt: 'go' });
let text = '';
let finishReason;
try {
  for await (const chunk of stream) {
    text += chunk.text;
    if (${reading === 'early'}) break;
  }
  finishReason = (await stream.response).finishReason;
} catch (error) {
  finishReason = 'refused: ' + (error.failures?.[0]?.errorClass ?? error.message);
}
client.close();
await sim.close();
console.log(JSON.stringify({ text, finishReason, timers: process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length }));
`;

function run(reading: Reading): { text: string; finishReason: string; timers: number } {
  for (const file of [BUILT, SIM]) if (!existsSync(file)) throw new Error(`${file} is missing: build first (npx tsup in its package)`);
  const script = join(dir, `probe-${reading}.mjs`);
  writeFileSync(script, probe(reading));
  const child = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 60_000 });
  expect(child.stderr).toBe('');
  return JSON.parse(child.stdout) as { text: string; finishReason: string; timers: number };
}

test('a stream read to its end leaves no timer behind', () => {
  const seen = run('all');
  expect(seen.text).toBe('total = price * quantity\nreturn total\n');
  expect(seen.finishReason).toBe('stop');
  expect(seen.timers).toBe(0);
}, 60_000);

test('a stream its reader leaves early leaves no timer behind', () => {
  const seen = run('early');
  expect(seen.finishReason).toBe('cancelled');
  expect(seen.timers).toBe(0);
}, 60_000);

test('a stream refused before its first token (content filter) leaves no timer behind', () => {
  const seen = run('refused');
  expect(seen.text).toBe('');
  expect(seen.finishReason).toBe('refused: content_policy');
  expect(seen.timers).toBe(0);
}, 60_000);
