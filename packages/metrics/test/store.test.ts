// Migrations from empty, every record function, validation, idempotent retries and the llm-effect
// stores, on one in-memory PGlite for the whole file.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import {
  InvalidRecordError,
  callAttempts,
  contextBuilds,
  createBudgetSpendStore,
  createMetricsStore,
  createResponseCacheStore,
  fallbackEvents,
  generationHistory,
  generationMetrics,
  migrate,
  openDatabase,
  type DatabaseHandle,
  type MetricsStore,
} from '../src/index.js';
import { messageOf } from '../src/db/open-database.js';
import { rowsOf } from '../src/db/rows.js';
import { ATTEMPTS, CONTEXT_BUILDS, FALLBACKS, GENERATIONS } from './support/seed-data.js';

let handle: DatabaseHandle;
let store: MetricsStore;
let firstMigration: { applied: number; total: number };

beforeAll(async () => {
  handle = await openDatabase('memory://');
  firstMigration = await migrate(handle);
  store = await createMetricsStore(handle);
});
afterAll(async () => {
  await store.close();
  await handle.close();
});

const countOf = async (table: string) =>
  Number(rowsOf<{ n: number }>(await handle.db.execute(sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n);

describe('migrate', () => {
  test('creates every table from an empty database, then has nothing left to do', async () => {
    expect(handle.kind).toBe('pglite');
    expect(firstMigration.applied).toBe(firstMigration.total);
    expect(firstMigration.total).toBeGreaterThanOrEqual(1);
    const tables = rowsOf<{ table_name: string }>(
      await handle.db.execute(sql`select table_name from information_schema.tables where table_schema = 'public'`),
    ).map((r) => r.table_name);
    for (const t of [
      'llm_generation_metrics',
      'llm_call_attempts',
      'llm_context_windows',
      'llm_generation_history',
      'llm_prompt_texts',
      'context_builds',
      'fallback_events',
      'llm_budget_spend',
      'llm_response_cache',
    ]) {
      expect(tables).toContain(t);
    }
    expect(await migrate(handle)).toEqual({ applied: 0, total: firstMigration.total });
  });

  test('CHECK constraints hold even for SQL that bypasses the store', async () => {
    const negative = await handle.db
      .execute(
        sql`insert into llm_generation_metrics (correlation_id, node_type, service_name, method_name, tier, model,
        tokens_input, tokens_output, tokens_total, latency_ms, cost_micro_usd)
        values (${randomUUID()}, 'effect', 's', 'm', 't', 'x', -1, 0, 0, 1, 0)`,
      )
      .catch(messageOf);
    expect(negative).toMatch(/llm_generation_metrics_tokens_input_ck/);
    const unknownStrategy = await handle.db
      .execute(
        sql`insert into fallback_events (correlation_id, node_type, method_name, strategy, reason, attempts, success)
        values (${randomUUID()}, 'effect', 'm', 'pray', 'r', 1, true)`,
      )
      .catch(messageOf);
    expect(unknownStrategy).toMatch(/fallback_events_strategy_ck/);
  });
});

describe('record functions', () => {
  test('every kind lands in its table with the values given', async () => {
    const gen = await store.record('generation', GENERATIONS[0]!);
    expect(gen.storedIn).toBe('database');
    expect(gen.ids).toHaveLength(1);
    const [row] = await handle.db.select().from(generationMetrics).where(sql`id = ${gen.ids[0]}`);
    expect(row).toMatchObject({ serviceName: 'payments', tokensTotal: 1200, costMicroUsd: 1500, strategy: 'llm' });
    expect(row!.createdAt.toISOString()).toBe('2026-11-20T10:00:00.000Z');

    await store.record('attempt', ATTEMPTS[0]!);
    await store.record('fallback', FALLBACKS[0]!);
    await store.record('contextBuild', CONTEXT_BUILDS[0]!);
    const [attempt] = await handle.db.select().from(callAttempts);
    expect(attempt).toMatchObject({ provider: 'openai', status: 'success', timeToFirstTokenMs: 20, cacheHit: false });
    const [fallback] = await handle.db.select().from(fallbackEvents);
    expect(fallback).toMatchObject({ strategy: 'retry', success: true, durationMs: 1200 });
    const [build] = await handle.db.select().from(contextBuilds);
    expect(build!.tokensPerSection).toEqual({ system: 200, patterns: 500, contract: 300 });
  });

  test('passes of a strategy: one row each, with cost and detail; a bad kind names the field', async () => {
    const correlationId = randomUUID();
    const pass = (passNumber: number, kind: string) => ({ correlationId, methodName: 'pay', passNumber, kind, model: 'glm-4.5', tokensInput: 100 * passNumber, tokensOutput: 10, costMicroUsd: 7 * passNumber, latencyMs: 5, detail: { n: passNumber } });
    const result = await store.record('pass', [pass(1, 'plan') as never, pass(2, 'code') as never, pass(3, 'review') as never]);
    expect(result.ids).toHaveLength(3);
    const rows = rowsOf<Record<string, unknown>>(await handle.db.execute(sql`select pass_number, kind, tokens_input, cost_micro_usd::int as cost, detail from generation_passes where correlation_id = ${correlationId} order by pass_number`));
    expect(rows.map((r) => [r.pass_number, r.kind, r.tokens_input, r.cost, r.detail])).toEqual([
      [1, 'plan', 100, 7, { n: 1 }],
      [2, 'code', 200, 14, { n: 2 }],
      [3, 'review', 300, 21, { n: 3 }],
    ]);
    await expect(store.record('pass', pass(4, 'guess') as never)).rejects.toThrow(/kind/);
  });

  test('history and feedback: the verdict updates the latest attempt of the method', async () => {
    const correlationId = randomUUID();
    const base = { correlationId, nodeType: 'effect' as const, methodName: 'charge', promptText: 'p', validationPassed: true };
    await store.record('history', [
      { ...base, attempt: 1, generatedCode: 'pass', qualityScore: 0.3 },
      { ...base, attempt: 2, generatedCode: 'return 1', qualityScore: 0.9 },
    ]);
    await store.record('feedback', { correlationId, methodName: 'charge', userAccepted: true, manualEditsRequired: false });
    const rows = await handle.db.select().from(generationHistory).where(sql`correlation_id = ${correlationId}`).orderBy(generationHistory.attempt);
    expect(rows.map((r) => [r.attempt, r.userAccepted, r.manualEditsRequired])).toEqual([
      [1, null, null],
      [2, true, false],
    ]);
    await store.record('feedback', { correlationId, methodName: 'charge', attempt: 1, userFeedback: 'too short' });
    const [first] = await handle.db.select().from(generationHistory).where(sql`correlation_id = ${correlationId} and attempt = 1`);
    expect(first!.userFeedback).toBe('too short');
  });

  test('a system prompt is stored once, by content, and every prompt reads back whole', async () => {
    const correlationId = randomUUID();
    const system = `You write ONEX v2.0 method bodies. ${'Rules follow. '.repeat(400)}`;
    const other = `${system} (another variant)`;
    const base = { correlationId, nodeType: 'compute' as const, generatedCode: 'return 1', validationPassed: true };
    const textsBefore = await countOf('llm_prompt_texts');
    await store.record('history', [
      { ...base, methodName: 'a', attempt: 1, systemPrompt: system, promptText: 'write a' },
      { ...base, methodName: 'a', attempt: 2, systemPrompt: system, promptText: 'write a, again' },
      { ...base, methodName: 'b', attempt: 1, systemPrompt: other, promptText: 'write b' },
      { ...base, methodName: 'c', attempt: 1, promptText: 'a prompt recorded whole' },
    ]);
    // a later batch with a known text adds no row for it
    await store.record('history', { ...base, methodName: 'd', attempt: 1, systemPrompt: system, promptText: 'write d' });
    expect(await countOf('llm_prompt_texts')).toBe(textsBefore + 2);
    const stored = rowsOf<{ method_name: string; prompt_text: string; hash: string | null }>(
      await handle.db.execute(sql`select method_name, prompt_text, system_prompt_hash as hash from llm_generation_history where correlation_id = ${correlationId} order by method_name, attempt`),
    );
    // rows hold only what followed the system prompt, and name it by its sha256
    expect(stored.map((r) => [r.method_name, r.prompt_text, r.hash])).toEqual([
      ['a', 'write a', createHash('sha256').update(system).digest('hex')],
      ['a', 'write a, again', createHash('sha256').update(system).digest('hex')],
      ['b', 'write b', createHash('sha256').update(other).digest('hex')],
      ['c', 'a prompt recorded whole', null],
      ['d', 'write d', createHash('sha256').update(system).digest('hex')],
    ]);
    const prompts = await store.generationAttempts(correlationId);
    expect(prompts.map((p) => [p.methodName, p.attempt, p.prompt])).toEqual([
      ['a', 1, `${system}\n\nwrite a`],
      ['a', 2, `${system}\n\nwrite a, again`],
      ['b', 1, `${other}\n\nwrite b`],
      ['c', 1, 'a prompt recorded whole'],
      ['d', 1, `${system}\n\nwrite d`],
    ]);
    expect(prompts[3]!.systemPrompt).toBeNull();
    await expect(store.generationAttempts('not-a-uuid')).rejects.toThrow(/correlationId/);
    await expect(store.record('history', { ...base, methodName: 'e', systemPrompt: '', promptText: 'x' })).rejects.toThrow(/systemPrompt/);
  });

  test('a store sends a system prompt it stored once only as its hash, and stores it again if it is gone', async () => {
    // the statements the store sends, as SQL text
    const sent: string[] = [];
    const db = handle.db as unknown as { dialect: { sqlToQuery(q: unknown): { sql: string } } };
    const counting = new Proxy(handle.db, {
      get(target, key) {
        const value = Reflect.get(target, key, target) as unknown;
        if (key !== 'execute') return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        return (query: unknown) => {
          sent.push(db.dialect.sqlToQuery(query).sql);
          return (value as (q: unknown) => unknown).call(target, query);
        };
      },
    });
    const own = await createMetricsStore({ ...handle, db: counting });
    const system = `A system prompt of its own. ${'Constraints. '.repeat(300)}`;
    const row = (methodName: string) => ({ correlationId: randomUUID(), nodeType: 'effect' as const, methodName, systemPrompt: system, promptText: `write ${methodName}`, generatedCode: 'pass', validationPassed: false });
    const textInserts = () => sent.filter((s) => s.includes('"llm_prompt_texts"')).length;
    await own.record('history', row('first'));
    expect(textInserts()).toBe(1);
    await own.record('history', [row('second'), row('third')]);
    expect(textInserts()).toBe(1); // known: sent as its hash only
    // the text vanishes behind the store's back: the rows' foreign key refuses them, the store stores it again
    await handle.db.execute(sql`delete from llm_generation_history where system_prompt_hash = ${createHash('sha256').update(system).digest('hex')}`);
    await handle.db.execute(sql`delete from llm_prompt_texts where hash = ${createHash('sha256').update(system).digest('hex')}`);
    const again = row('fourth');
    await own.record('history', again);
    expect(textInserts()).toBe(2);
    const [whole] = await own.generationAttempts(again.correlationId);
    expect(whole!.prompt).toBe(`${system}\n\nwrite fourth`);
    await own.close();
  });

  test('context windows upsert by provider and model', async () => {
    await store.record('contextWindow', [
      { provider: 'openai', model: 'gpt-a', tier: 'cloud_fast', contextWindow: 128000, inputMicroUsdPerMTok: 200000, outputMicroUsdPerMTok: 600000 },
      { provider: 'ollama', model: 'codellama', contextWindow: 16384, supportsStreaming: true },
    ]);
    await store.record('contextWindow', [{ provider: 'openai', model: 'gpt-a', contextWindow: 256000, outputMicroUsdPerMTok: 800000 }]);
    const rows = await store.listContextWindows();
    expect(rows.map((r) => [r.provider, r.model, r.contextWindow, r.outputMicroUsdPerMTok, r.tier])).toEqual([
      ['ollama', 'codellama', 16384, 0, null],
      ['openai', 'gpt-a', 256000, 800000, null],
    ]);
  });
});

describe('idempotency and validation', () => {
  test('a retried write (same correlation and attempt, new id) never duplicates', async () => {
    const before = await countOf('llm_call_attempts');
    const a = { ...ATTEMPTS[2]! };
    await store.record('attempt', a);
    await store.record('attempt', a); // retry after a lost acknowledgement
    await store.record('attempt', [a, { ...a, attempt: 3 }]);
    expect(await countOf('llm_call_attempts')).toBe(before + 2);
    // A second LLM call in the same correlation (an app retry loop) restarts its attempts at 1.
    await store.record('attempt', [{ ...a, callNumber: 2, attempt: 1 }, { ...a, callNumber: 2, attempt: 1 }]);
    expect(await countOf('llm_call_attempts')).toBe(before + 3);
    const g = await store.record('generation', GENERATIONS[0]!); // same correlation + method as the first test
    expect(g.ids).toHaveLength(1);
    expect(await countOf(`llm_generation_metrics where correlation_id = '${GENERATIONS[0]!.correlationId}'`)).toBe(1);
  });

  test('bad input names the field, and a bad batch writes nothing', async () => {
    const before = await countOf('llm_call_attempts');
    const good = { ...ATTEMPTS[0]!, correlationId: randomUUID() };
    const bad = { ...ATTEMPTS[0]!, correlationId: randomUUID(), latencyMs: -5, status: 'exploded' };
    const err = await store.record('attempt', [good, bad as never]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidRecordError);
    expect((err as InvalidRecordError).code).toBe('INVALID_RECORD');
    expect((err as Error).message).toMatch(/\[1\]\.latencyMs/);
    expect((err as Error).message).toMatch(/\[1\]\.status/);
    expect(await countOf('llm_call_attempts')).toBe(before);
    await expect(store.record('generation', { ...GENERATIONS[0]!, correlationId: 'not-a-uuid' })).rejects.toThrow(/correlationId/);
    await expect(store.record('contextBuild', { ...CONTEXT_BUILDS[0]!, patternsIncluded: 9 })).rejects.toThrow(/patternsIncluded/);
  });

  test('a batch larger than one INSERT is written whole', async () => {
    const correlationId = randomUUID();
    const rows = Array.from({ length: 1500 }, (_, i) => ({ ...ATTEMPTS[0]!, correlationId, attempt: i + 1 }));
    const result = await store.record('attempt', rows);
    expect(result.ids).toHaveLength(1500);
    expect(await countOf(`llm_call_attempts where correlation_id = '${correlationId}'`)).toBe(1500);
  });
});

describe('llm-effect stores', () => {
  test('response cache: set, hit counting, expiry, delete, purge', async () => {
    let clock = new Date('2026-11-23T00:00:00Z');
    const cache = createResponseCacheStore(handle, { now: () => clock });
    await cache.set('k1', { text: 'hello', usage: { input: 3 } }, { ttlMs: 60_000 });
    await cache.set('k2', ['forever']);
    expect(await cache.get('missing')).toBeUndefined();
    const first = await cache.get<{ text: string }>('k1');
    expect(first?.response.text).toBe('hello');
    expect(first?.hits).toBe(0);
    expect((await cache.get('k1'))?.hits).toBe(1);
    clock = new Date('2026-11-23T00:01:00.001Z');
    expect(await cache.get('k1')).toBeUndefined(); // expired
    expect((await cache.get('k2'))?.ttlMs).toBeNull();
    expect(await cache.purgeExpired()).toBe(1);
    expect(await cache.delete('k2')).toBe(true);
    expect(await cache.delete('k2')).toBe(false);
    await expect(cache.set('', 1)).rejects.toThrow(InvalidRecordError);
  });

  test('response cache: setMany writes several entries at once, the last of a repeated key wins, a bad one writes none', async () => {
    const cache = createResponseCacheStore(handle);
    await cache.set('m1', { text: 'old' });
    await cache.get('m1');
    await cache.setMany([
      { keyHash: 'm1', response: { text: 'first' }, ttlMs: 60_000 },
      { keyHash: 'm2', response: { text: 'two' } },
      { keyHash: 'm1', response: { text: 'last' } },
    ]);
    const m1 = await cache.get<{ text: string }>('m1');
    expect(m1?.response.text).toBe('last');
    expect(m1?.hits).toBe(0); // replaced: its hit count starts again
    expect(m1?.ttlMs).toBeNull();
    expect((await cache.get<{ text: string }>('m2'))?.response.text).toBe('two');
    await expect(cache.setMany([{ keyHash: 'm3', response: 1 }, { keyHash: '', response: 2 }])).rejects.toThrow(InvalidRecordError);
    expect(await countOf(`llm_response_cache where key_hash = 'm3'`)).toBe(0);
    await cache.setMany([]);
  });

  test('response cache: an entry written for a generation is served only once that generation committed', async () => {
    const cache = createResponseCacheStore(handle);
    const generationId = randomUUID();
    await cache.set('k-gen', { text: 'answer' }, { ttlMs: 60_000, generationId });
    // the run was killed before its generation row: the entry exists but is never served
    expect(await countOf(`llm_response_cache where key_hash = 'k-gen'`)).toBe(1);
    expect(await cache.get('k-gen')).toBeUndefined();
    await handle.db.transaction((tx) => store.recordIn(tx, 'generation', [{ ...GENERATIONS[0]!, correlationId: generationId, methodName: 'cached_method' }]));
    const hit = await cache.get<{ text: string }>('k-gen');
    expect(hit?.response.text).toBe('answer');
    expect(hit?.generationId).toBe(generationId);
    // a later write of the same key for another generation is hidden again until that one commits
    await cache.set('k-gen', { text: 'newer' }, { ttlMs: 60_000, generationId: randomUUID() });
    expect(await cache.get('k-gen')).toBeUndefined();
    await expect(cache.set('k-bad', 1, { generationId: 'not-a-uuid' })).rejects.toThrow(/generationId/);
  });

  test('a generation no model wrote records 0 attempts, so does an offline fallback; a negative count is refused', async () => {
    const correlationId = randomUUID();
    await store.record('generation', { ...GENERATIONS[0]!, correlationId, strategy: 'learned_template', attempts: 0 });
    expect(await countOf(`llm_generation_metrics where correlation_id = '${correlationId}' and attempts = 0`)).toBe(1);
    await store.record('fallback', { ...FALLBACKS[0]!, correlationId, attempts: 0 });
    expect(await countOf(`fallback_events where correlation_id = '${correlationId}' and attempts = 0`)).toBe(1);
    await expect(store.record('fallback', { ...FALLBACKS[0]!, correlationId: randomUUID(), attempts: -1 })).rejects.toThrow(/attempts/);
    await expect(store.record('generation', { ...GENERATIONS[0]!, correlationId: randomUUID(), attempts: -1 })).rejects.toThrow(/attempts/);
  });

  test('budget spend accumulates atomically per scope and period', async () => {
    const budget = createBudgetSpendStore(handle);
    expect(await budget.getSpend('global', '2026-11-23')).toBe(0);
    const totals = await Promise.all(Array.from({ length: 20 }, () => budget.addSpend('global', '2026-11-23', 2500)));
    expect(Math.max(...totals)).toBe(50_000);
    expect(await budget.getSpend('global', '2026-11-23')).toBe(50_000);
    expect(await budget.getSpend('global', '2026-11-24')).toBe(0);
    await expect(budget.addSpend('global', 'd', -1)).rejects.toThrow(/microUsd/);
    await expect(budget.addSpend('global', 'd', 1.5)).rejects.toThrow(InvalidRecordError);
  });
});
