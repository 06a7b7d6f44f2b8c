// The selected variant reaches validation: in a DATABASE_HEAVY effect node, an operation method
// whose body does not take its connection from the pool fails `pattern/missing-expected` (an error
// for what the variant requires) and is re-asked with that rule in the retry prompt. llm-sim over
// real HTTP, PGlite on disk.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startLlmSim, type LlmSim, type ResponderRequest } from '@onexgen/llm-sim';
import { goodAnswer } from './fixtures/answers.js';
import { runInProcess } from './helpers/run-in-process.js';
import { methodOf, paramOf } from './helpers/sim.js';

const SPEC = fileURLToPath(new URL('../../../examples/specs/postgres-user-store-effect.yaml', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'onexgen-variant-'));
let sim: LlmSim;

/** create_user's first answer uses no pool; every other answer (and its second) does. */
function poolForgottenOnce(): (request: ResponderRequest) => string {
  let asked = 0;
  return (request) => {
    const method = methodOf(request);
    const first = method === 'create_user' && asked++ === 0;
    return goodAnswer(method, paramOf(request), { database: !first });
  };
}

beforeAll(async () => {
  sim = await startLlmSim({ scenario: { responder: poolForgottenOnce() } });
});
afterAll(async () => {
  await sim.close();
  rmSync(tmp, { recursive: true, force: true });
});

type JsonMethod = { name: string; attempts: number; strategy: string; passed: boolean };

describe('variant checks', () => {
  test('missing pooling in a DATABASE_HEAVY effect is an issue that re-asks; the retry prompt names it', async () => {
    const dir = mkdtempSync(join(tmp, 'run-'));
    const run = await runInProcess(
      ['generate', SPEC, '--out', join(dir, 'out'), '--db', join(dir, 'db'), '--json', '--provider', 'openai-compatible', '--base-url', `${sim.url}/v1`, '--model', 'glm-4.5'],
      { cwd: dir, env: { HOME: dir, CI: '1', ONEXGEN_API_KEY: 'sk-test-variant-0001', PATH: process.env.PATH } },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const methods: JsonMethod[] = JSON.parse(run.stdout).nodes.flatMap((n: { methods: JsonMethod[] }) => n.methods);
    expect(methods.find((m) => m.name === 'create_user')).toMatchObject({ attempts: 2, strategy: 'retry', passed: true });
    expect(methods.find((m) => m.name === 'get_user')).toMatchObject({ attempts: 1, strategy: 'llm' });
    const asks = sim.requests.filter((r) => JSON.stringify(r.body).includes('## Method: create_user'));
    expect(asks).toHaveLength(2);
    const retry = JSON.stringify(asks[1]!.body);
    expect(retry).toContain('pattern/missing-expected');
    expect(retry).toContain('connection_pooling');
    expect(JSON.stringify(asks[0]!.body)).not.toContain('pattern/missing-expected');
    const node = readFileSync(join(dir, 'out', 'node_user_store_effect', 'node.py'), 'utf8');
    const createUser = node.slice(node.indexOf('def create_user'), node.indexOf('def get_user'));
    expect(createUser).toContain('async with self.pool.acquire() as conn:');
  }, 240_000);
});
