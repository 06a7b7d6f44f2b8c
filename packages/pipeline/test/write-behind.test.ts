// Writes that need not land before a method returns go through the recorder's write-behind
// channels: response cache entries and pattern usage are buffered and written one statement (or
// one transaction) per batch — a full buffer, each node's end, the run's end — instead of one per
// model call. What is buffered is a cache miss; a batch the database refuses becomes a warning; an
// entry written for a generation is served only once that generation's row has committed. On the
// embedded database the bridge knows which keys exist: a lookup of another key asks nothing.
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { createMetricsStore, createResponseCacheStore, migrate, openDatabase, type DatabaseHandle, type MetricsStore } from '@onexgen/metrics';
import { createPatternStore } from '@onexgen/pattern-library';
import { responseCacheFor } from '../src/model/store-bridges.js';
import { Learning } from '../src/session/learning.js';
import { Recorder } from '../src/session/recorder.js';

let handle: DatabaseHandle;
let store: MetricsStore;

beforeAll(async () => {
  handle = await openDatabase('memory://');
  await migrate(handle);
  store = await createMetricsStore(handle);
});
afterAll(async () => {
  await store.close();
  await handle.close();
});

const count = async (table: string): Promise<number> => {
  const res = (await handle.db.execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown as { rows?: { n: number }[] } | { n: number }[];
  const rows = Array.isArray(res) ? res : (res.rows ?? []);
  return Number(rows[0]!.n);
};

test('embedded database: entries there before the run are served; a key it does not hold is a miss without a statement', async () => {
  const direct = createResponseCacheStore(handle);
  await direct.set('wb-before', JSON.stringify({ text: 'before' }), { ttlMs: 60_000 });
  const cache = responseCacheFor(handle, new Recorder(store, 'run-index'));
  expect(JSON.parse((await cache.get('wb-before'))!)).toEqual({ text: 'before' });
  // written around the bridge after it read the keys: the row is there, but the lookup never asks
  await direct.set('wb-around', JSON.stringify({ text: 'around' }), { ttlMs: 60_000 });
  expect(await count(`llm_response_cache where key_hash = 'wb-around'`)).toBe(1);
  expect(await cache.get('wb-around')).toBeUndefined();
  // another bridge on the same database shares what this process wrote and deleted
  await cache.delete('wb-before');
  expect(await responseCacheFor(handle).get('wb-before')).toBeUndefined();
});

test('cache entries are written behind: a miss until the flush, a hit after; a full buffer writes itself', async () => {
  const recorder = new Recorder(store, 'run-cache');
  const cache = responseCacheFor(handle, recorder);
  await cache.set('wb-1', JSON.stringify({ text: 'one' }), 60);
  expect(await cache.get('wb-1')).toBeUndefined();
  expect(await count(`llm_response_cache where key_hash = 'wb-1'`)).toBe(0);
  await recorder.flush();
  expect(JSON.parse((await cache.get('wb-1'))!)).toEqual({ text: 'one' });

  for (let i = 0; i < 64; i++) await cache.set(`wb-full-${i}`, JSON.stringify(i), 60);
  // 64 entries fill the buffer: one batch is on its way without a flush
  for (let tries = 0; tries < 100 && (await count(`llm_response_cache where key_hash like 'wb-full-%'`)) < 64; tries++) await new Promise((r) => setTimeout(r, 20));
  expect(await count(`llm_response_cache where key_hash like 'wb-full-%'`)).toBe(64);
  await recorder.flush();
  expect(recorder.warnings).toEqual([]);
});

test('an entry written behind for a generation is served only once that generation row has committed', async () => {
  const recorder = new Recorder(store, randomUUID());
  const cache = responseCacheFor(handle, recorder);
  const correlationId = randomUUID();
  await cache.set('wb-gen', JSON.stringify({ text: 'answer' }), 60, { correlationId });
  await cache.set('wb-not-a-generation', JSON.stringify({ text: 'other' }), 60, { correlationId: 'bench-call-7' });
  await recorder.flush();
  // the entry is written and names its generation, but the generation row is not there yet
  expect(await count(`llm_response_cache where key_hash = 'wb-gen' and generation_id = '${correlationId}'`)).toBe(1);
  expect(await cache.get('wb-gen')).toBeUndefined();
  // a correlation id that is no uuid names no generation: served as is
  expect(JSON.parse((await cache.get('wb-not-a-generation'))!)).toEqual({ text: 'other' });
  recorder.generation({
    correlationId,
    nodeType: 'compute',
    serviceName: 'svc',
    methodName: 'cached_method',
    tier: 'cloud_fast',
    model: 'glm-4.5',
    tokensInput: 10,
    tokensOutput: 5,
    latencyMs: 1,
    costMicroUsd: 100,
    verdict: 'passed',
  });
  await recorder.flush();
  expect(JSON.parse((await cache.get('wb-gen'))!)).toEqual({ text: 'answer' });
  expect(recorder.warnings).toEqual([]);
});

test('a batch the database refuses becomes a warning; the flush does not throw', async () => {
  const recorder = new Recorder(store, 'run-bad');
  const cache = responseCacheFor(handle, recorder);
  await cache.set('wb-good', '"x"', 60);
  await cache.set('', '"y"', 60); // an empty key is refused by the store: the whole batch is
  await recorder.flush();
  expect(recorder.warnings).toHaveLength(1);
  expect(recorder.warnings[0]).toMatch(/^response cache: could not write 2 row\(s\): .*cache key/);
  expect(await cache.get('wb-good')).toBeUndefined();
});

test('pattern usage through the recorder: one transaction per batch, counts as one call per generation', async () => {
  const recorder = new Recorder(store, 'run-usage');
  const learning = new Learning(handle, 'run-usage', 0.8);
  learning.writeUsageThrough(recorder);
  const before = await count('pattern_usage');
  await learning.recordPatternUsage(['wb_pattern_a_v1', 'wb_pattern_b_v1'], true, 0.9);
  await learning.recordPatternUsage(['wb_pattern_a_v1'], false, 0.1);
  await learning.recordPatternUsage([], true, 1);
  expect(await count('pattern_usage')).toBe(before);
  await recorder.flush();
  expect(await count('pattern_usage')).toBe(before + 3);
  const patterns = createPatternStore(handle.db);
  expect(await patterns.effectiveness('wb_pattern_a_v1')).toMatchObject({ uses: 2, passes: 1 });
  expect(await patterns.effectiveness('wb_pattern_b_v1')).toMatchObject({ uses: 1, passes: 1 });
  expect(recorder.warnings).toEqual([]);
});
