// probeProviders: one tiny request per provider the tiers use, each asked on its own so a healthy
// provider later in a chain cannot hide a broken one; keys are checked, never shown.
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { startLlmSim, type LlmSim } from '@onexgen/llm-sim';
import { probeProviders } from '../src/index.js';
import { KEYS, simLayer } from './helpers.js';

let sim: LlmSim;
beforeAll(async () => {
  sim = await startLlmSim({ scenario: { text: 'OK', script: [{ kind: 'error', status: 401, when: { provider: 'zai' }, times: 100 }] } });
});
afterAll(() => sim.close());

test('each provider of the tiers: healthy ones priced, a refused key and a missing key failed with a fix, nothing sent with --no-request', async () => {
  const layers = [
    simLayer(sim),
    {
      tiers: {
        local: [],
        cloud_fast: [{ provider: 'zai', model: 'glm-4.5' }, { provider: 'openai', model: 'gpt-4o-mini' }],
        cloud_premium: [{ provider: 'anthropic', model: 'claude-haiku-4-5' }],
      },
    },
  ];
  const env = { ZAI_API_KEY: KEYS.ZAI_API_KEY, OPENAI_API_KEY: KEYS.OPENAI_API_KEY };
  const probes = await probeProviders(layers, { env });
  expect(probes.map((p) => [p.provider, p.ok, p.key])).toEqual([
    ['zai', false, 'present'],
    ['openai', true, 'present'],
    ['anthropic', false, 'missing'],
  ]);
  const [zai, openai, anthropic] = probes;
  expect(zai).toMatchObject({ errorClass: 'auth', tiers: ['cloud_fast'] });
  expect(zai!.fix).toContain('ZAI_API_KEY');
  expect(openai!.costMicros).toBeGreaterThan(0);
  expect(openai!.outputTokens).toBeGreaterThan(0);
  expect(anthropic).toMatchObject({ errorClass: 'key_missing', fix: 'set ANTHROPIC_API_KEY (export ANTHROPIC_API_KEY=…)' });
  // zai was asked once (no retries, no failover to openai inside its probe); anthropic never
  expect(sim.requests.filter((r) => r.provider === 'zai')).toHaveLength(1);
  expect(sim.requests.filter((r) => r.path.includes('/messages'))).toHaveLength(0);
  expect(JSON.stringify(probes)).not.toContain(KEYS.ZAI_API_KEY);

  const before = sim.requests.length;
  const keysOnly = await probeProviders(layers, { env, request: false });
  expect(keysOnly.map((p) => p.ok)).toEqual([true, true, false]);
  expect(sim.requests.length).toBe(before);
});
