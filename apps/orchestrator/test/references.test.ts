// References reach the prompt: `--references DIR` (and the `references` config key) index a team's
// own node files, the most similar methods fill the references section that llm-sim receives over
// HTTP, and `onexgen explain` lists them.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startLlmSim, type LlmSim, type ResponderRequest } from '@onexgen/llm-sim';
import { runInProcess } from './helpers/run-in-process.js';
import { goodResponder, methodOf } from './helpers/sim.js';

const SPEC = fileURLToPath(new URL('../../../examples/specs/postgres-user-store-effect.yaml', import.meta.url));
const REFS = fileURLToPath(new URL('./fixtures/references/', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'onexgen-refs-'));
let sim: LlmSim;

beforeAll(async () => {
  sim = await startLlmSim({ scenario: { responder: goodResponder } });
});
afterAll(async () => {
  await sim.close();
  rmSync(tmp, { recursive: true, force: true });
});

const promptOf = (body: unknown): string => ((body as { messages?: { content: string }[] }).messages ?? []).map((m) => m.content).join('\n');

describe('references', () => {
  test('explain lists the most similar method of the reference nodes, and the config key works like the flag', async () => {
    const run = await runInProcess(['explain', SPEC, '--method', 'create_user', '--references', REFS], { cwd: tmp, env: { HOME: tmp, CI: '1' } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/References:\n {2}1\. member_store:insert_member \(similarity \d\.\d\d\)/);
    expect(run.stdout).toMatch(/references 1\/1/);
    // the placeholder method of the reference is never offered
    expect(run.stdout).not.toContain('archive_member');
    writeFileSync(join(tmp, 'onexgen.config.yaml'), `references:\n  - ${REFS}\n`);
    const viaConfig = await runInProcess(['explain', SPEC, '--method', 'get_user', '--json'], { cwd: tmp, env: { HOME: tmp, CI: '1' } });
    expect(viaConfig.code).toBe(0);
    const built = JSON.parse(viaConfig.stdout) as { metadata: { references: { ids: string[] } } };
    expect(built.metadata.references.ids[0]).toBe('member_store:fetch_member');
    rmSync(join(tmp, 'onexgen.config.yaml'));
  });

  test('a directory that does not exist is refused with exit 2, naming it', async () => {
    const run = await runInProcess(['explain', SPEC, '--references', 'no/such/dir'], { cwd: tmp, env: { HOME: tmp, CI: '1' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('references: "no/such/dir" is not a directory');
  });

  test('generate: the prompt llm-sim receives carries the reference method for create_user', async () => {
    const dir = mkdtempSync(join(tmp, 'gen-'));
    const run = await runInProcess(
      ['generate', SPEC, '--out', join(dir, 'out'), '--db', join(dir, 'db'), '--json', '--provider', 'openai-compatible', '--base-url', `${sim.url}/v1`, '--model', 'glm-4.5', '--references', REFS],
      { cwd: dir, env: { HOME: dir, CI: '1', ONEXGEN_API_KEY: 'sk-test-refs-0001' } },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const create = sim.requests.find((r) => methodOf({ messages: (r.body as ResponderRequest).messages } as ResponderRequest) === 'create_user');
    expect(create).toBeDefined();
    const prompt = promptOf(create!.body);
    expect(prompt).toContain('## Reference 1: NodeMemberStoreEffect');
    expect(prompt).toContain('REFERENCE-MARKER-7731');
    expect(prompt).toContain('async def insert_member(self, email: str, name: str) -> dict:');
  }, 180_000);
});
