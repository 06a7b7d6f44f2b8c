// `node --max-old-space-size=… onexgen …` is how a big run is given more memory. Node refuses V8's
// flags (and a few per-process ones) in a worker thread's execArgv, so a thread started with the
// process's flags failed: the embedded database's thread and the validation thread are both
// started here (memory://, a model, several methods at once) with such flags on node's command line.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { startLlmSim, type LlmSim } from '@onexgen/llm-sim';
import { assertBuilt, runBuiltCli } from './helpers/run-built-cli.js';
import { goodResponder } from './helpers/sim.js';

const SPEC = fileURLToPath(new URL('../../../examples/specs/event-counter-reducer.yaml', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'onexgen-node-flags-'));
let sim: LlmSim;

beforeAll(async () => {
  assertBuilt();
  sim = await startLlmSim({ scenario: { responder: goodResponder } });
});
afterAll(async () => {
  await sim.close();
  rmSync(tmp, { recursive: true, force: true });
});

test('a run under node --max-old-space-size / --stack-size / --expose-gc starts its threads and writes the node', async () => {
  const run = await runBuiltCli(
    ['generate', SPEC, '--out', 'out', '--db', 'memory://', '--concurrency', '4', '--provider', 'openai-compatible', '--base-url', `${sim.url}/v1`, '--model', 'glm-4.5'],
    { cwd: tmp, env: { HOME: tmp, CI: '1', ONEXGEN_API_KEY: 'sk-node-flags' }, nodeArgs: ['--max-old-space-size=2048', '--stack-size=984', '--expose-gc'] },
  );
  expect(run.stderr).not.toMatch(/execArgv/);
  expect(run.code).toBe(0);
  expect(existsSync(join(tmp, 'out', 'node_event_counter_reducer', 'node.py'))).toBe(true);
}, 120_000);
