// Issue 19 §4: a model that echoes the run's key, or writes a key-shaped string it saw elsewhere,
// into its answer: neither reaches the generated files, the CLI output, any database row (history,
// cache, learned templates) — and nothing learned from such an answer is served later.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { startLlmSim, type LlmSim, type ResponderRequest } from '@onexgen/llm-sim';
import { goodAnswer } from './fixtures/answers.js';
import { dumpDatabase } from './helpers/db-dump.js';
import { runInProcess } from './helpers/run-in-process.js';
import { methodOf, paramOf } from './helpers/sim.js';

const SPEC = fileURLToPath(new URL('../../../examples/specs/price-calculator-compute.yaml', import.meta.url));
// the run's key is not key-shaped (only knowing it can find it); the foreign one is only key-shaped
const RUN_KEY = 'onexgen-run-key-77aa11bb99cc';
const FOREIGN = 'ghp_' + 'R7'.repeat(18);
const tmp = mkdtempSync(join(tmpdir(), 'onexgen-echo-'));
let sim: LlmSim;

/** A good body that also writes both keys: one in a comment, one in a header value. */
function leakyAnswer(request: ResponderRequest): string {
  const good = goodAnswer(methodOf(request), paramOf(request));
  return good.replace('started = time.perf_counter()\n', `started = time.perf_counter()\n# called with ${RUN_KEY}\ntrace = {"X-Trace": "${FOREIGN}"}\n`);
}

beforeAll(async () => {
  sim = await startLlmSim({ scenario: { responder: leakyAnswer } });
});
afterAll(async () => {
  await sim.close();
  rmSync(tmp, { recursive: true, force: true });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map((f) => join(dir, String(f)))
    .filter((f) => statSync(f).isFile());
}

test('echoed and key-shaped secrets reach no file, output or row, and nothing learned from them is reused', async () => {
  const run = (out: string, extra: string[]) =>
    runInProcess(['generate', SPEC, '--out', join(tmp, out), '--db', join(tmp, 'db'), '--json', ...extra], {
      env: { HOME: tmp, CI: '1', ONEXGEN_API_KEY: RUN_KEY },
      cwd: tmp,
    });
  const online = await run('out', ['--provider', 'openai-compatible', '--base-url', `${sim.url}/v1`, '--model', 'glm-4.5']);
  expect(online.code).not.toBeNull();
  // the answers held both keys (the provider really sent them) ...
  expect(sim.requests.length).toBeGreaterThan(0);
  // ... and none of them survives anywhere the run wrote
  for (const secret of [RUN_KEY, FOREIGN]) {
    expect(online.stdout + online.stderr).not.toContain(secret);
    for (const f of filesUnder(join(tmp, 'out'))) expect(readFileSync(f, 'latin1')).not.toContain(secret);
  }
  const db = await dumpDatabase(join(tmp, 'db'));
  expect(db.text).not.toContain(RUN_KEY);
  expect(db.text).not.toContain(FOREIGN);
  // the scrubbed answers were used, but no template was learned from them
  expect(db.counts.llm_generation_history).toBeGreaterThan(0);
  expect(db.text).toContain('[REDACTED]');
  expect(db.rows.pattern_templates ?? []).toEqual([]);
  // the raw database files hold neither key either (pages of dropped rows included)
  for (const f of filesUnder(join(tmp, 'db'))) {
    const bytes = readFileSync(f, 'latin1');
    expect(bytes.includes(RUN_KEY) || bytes.includes(FOREIGN)).toBe(false);
  }
  // an offline run afterwards has nothing learned to reuse
  const offline = await run('out-offline', ['--offline']);
  const methods = (JSON.parse(offline.stdout).nodes as { methods: { strategy: string }[] }[]).flatMap((n) => n.methods);
  expect(methods.some((m) => m.strategy === 'learned_template')).toBe(false);
}, 240_000);
