// Prompt A/B figures from recorded generations (PGlite in memory): per prompt version and per
// experiment arm, generation counts and passes, and one outcome per method — its latest generation.
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { createMetricsStore, migrate, openDatabase, type DatabaseHandle, type GenerationInput, type MetricsStore } from '../src/index.js';

let handle: DatabaseHandle;
let store: MetricsStore;

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 12, minute));
const gen = (method: string, version: string | null, verdict: 'passed' | 'passed-static' | 'failed' | 'incomplete', minute: number, costMicroUsd = 100): GenerationInput => ({
  correlationId: randomUUID(),
  nodeType: 'compute',
  serviceName: 'svc',
  methodName: method,
  tier: 'cloud_fast',
  model: 'glm-4.5',
  tokensInput: 10,
  tokensOutput: 5,
  latencyMs: 1,
  costMicroUsd,
  verdict,
  createdAt: at(minute),
  ...(version ? { promptVersion: version, experimentArm: `terse/${version.split('@')[0]}` } : {}),
});

beforeAll(async () => {
  handle = await openDatabase('memory://');
  await migrate(handle);
  store = await createMetricsStore(handle);
  await store.record('generation', [
    // version a: m1 failed then passed (latest passes), m2 passed-static, m3 failed
    gen('m1', 'a@111', 'failed', 1),
    gen('m1', 'a@111', 'passed', 2),
    gen('m2', 'a@111', 'passed-static', 3),
    gen('m3', 'a@111', 'failed', 4),
    // version b: m4 passed then incomplete (latest fails), m5 passed
    gen('m4', 'b@222', 'passed', 5, 300),
    gen('m4', 'b@222', 'incomplete', 6, 300),
    gen('m5', 'b@222', 'passed', 7, 300),
    // recorded before prompt versions
    gen('m6', null, 'passed', 8),
  ]);
});
afterAll(async () => {
  await store.close();
  await handle.close();
});

test('per prompt version: generations, passes, cost and each method latest outcome', async () => {
  const groups = await store.armOutcomes({ by: 'promptVersion' });
  expect(groups.map((g) => g.key)).toEqual(['a@111', 'b@222', null]);
  const [a, b, none] = groups;
  expect(a!.generations.count).toBe(4);
  expect(a!.passes).toBe(2); // passed + passed-static
  expect(a!.generations.costMicroUsd).toBe(400);
  expect(a!.methods).toEqual([
    { serviceName: 'svc', methodName: 'm1', passed: true, generations: 2, passes: 1 },
    { serviceName: 'svc', methodName: 'm2', passed: true, generations: 1, passes: 1 },
    { serviceName: 'svc', methodName: 'm3', passed: false, generations: 1, passes: 0 },
  ]);
  expect(b!.passes).toBe(2);
  expect(b!.generations.costMicroUsd).toBe(900);
  expect(b!.methods.map((m) => [m.methodName, m.passed])).toEqual([['m4', false], ['m5', true]]);
  expect(none!.methods).toEqual([{ serviceName: 'svc', methodName: 'm6', passed: true, generations: 1, passes: 1 }]);
});

test('per experiment arm, within a time window', async () => {
  const groups = await store.armOutcomes({ by: 'experimentArm', since: at(2), until: at(8) });
  expect(groups.map((g) => [g.key, g.generations.count, g.passes])).toEqual([
    ['terse/a', 3, 2],
    ['terse/b', 3, 2],
  ]);
  // m1's failed first generation lies before the window
  expect(groups[0]!.methods.find((m) => m.methodName === 'm1')).toMatchObject({ generations: 1, passes: 1 });
  await expect(store.armOutcomes({ by: 'model' as never })).rejects.toThrow(/by/);
});

test('aggregate groups by prompt version too', async () => {
  const a = await store.aggregate({ groupBy: 'promptVersion' });
  expect(a.groups.map((g) => [g.key.promptVersion, g.generations.count])).toEqual([
    ['a@111', 4],
    ['b@222', 3],
    [null, 1],
  ]);
});
