import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { createCatalog, createPatternStore, createTemplateStore, loadPatternCatalog, PatternLibraryError } from '../src/index.js';
import type { PatternStore } from '../src/learning/pattern-store.js';
import type { TemplateStore } from '../src/templates/template-store.js';
import { openMigratedPglite } from './pglite-db.js';

let close: () => Promise<void>;
let patterns: PatternStore;
let templates: TemplateStore;
let client: PGlite;

beforeAll(async () => {
  const opened = await openMigratedPglite();
  close = opened.close;
  client = opened.client;
  patterns = createPatternStore(opened.db);
  templates = createTemplateStore(opened.db);
}, 60_000);
afterAll(async () => close());

const GENERATED = `
async def create_order(self, order: dict) -> dict:
    started = time.perf_counter()
    try:
        async with self.pool.acquire() as conn:
            async with conn.transaction():
                row = await conn.fetchrow("INSERT INTO orders (data) VALUES ($1) RETURNING id", order)
    except asyncpg.PostgresError as exc:
        raise ModelOnexError(error_code=EnumCoreErrorCode.DATABASE_OPERATION_ERROR, message="insert failed") from exc
    emit_log_event(LogLevel.INFO, "order created", {"ms": (time.perf_counter() - started) * 1000})
    return dict(row)
`;

describe('pattern extraction and learned examples', () => {
  test('finds the patterns a generation uses from its parsed calls and statements', async () => {
    const found = await patterns.extractPatternsFromCode(GENERATED);
    const names = found.map((p) => p.name).sort();
    expect(names).toEqual(['connection_pooling', 'error_handling', 'structured_logging', 'time_tracking', 'transaction_management']);
    const pool = found.find((p) => p.name === 'connection_pooling')!;
    expect(pool.evidence).toEqual(['line 5: call ending .acquire']);
    expect(pool.example).toMatch(/^async def create_order/);
    // a string that merely mentions acquire() is not a call
    expect((await patterns.extractPatternsFromCode('x = "self.pool.acquire()"\n')).map((p) => p.name)).toEqual([]);
  });

  test('reads a method body (with await at the top level) as a fragment', async () => {
    const body = 'async with self.pool.acquire() as conn:\n    await conn.executemany("INSERT INTO t VALUES ($1)", rows)\n';
    expect((await patterns.extractPatternsFromCode(body)).map((p) => p.name).sort()).toEqual(['batch_processing', 'connection_pooling']);
  });

  test('stores examples only from generations scoring at least 0.8', async () => {
    const low = await patterns.recordLearnedPattern({ code: GENERATED, score: 0.79, sessionId: 's-low', nodeType: 'effect' });
    expect(low.stored).toEqual([]);
    const high = await patterns.recordLearnedPattern({ code: GENERATED, score: 0.92, sessionId: 's-1', nodeType: 'effect', metadata: { model: 'sim' } });
    expect(high.stored).toHaveLength(5);
    const [example] = await patterns.learnedExamples('transaction_management_v1');
    expect(example).toMatchObject({ sessionId: 's-1', nodeType: 'effect', score: 0.92, patternName: 'transaction_management', metadata: { model: 'sim' } });
    expect(example!.code).toContain('conn.transaction()');
  });

  test('offers the best learned example of each pattern as a learned pattern the matcher can rank', async () => {
    const catalog = await loadPatternCatalog();
    const learned = await patterns.learnedPatterns(catalog);
    const tx = learned.find((p) => p.id === 'transaction_management_learned_v1')!;
    expect(tx).toMatchObject({ source: 'learned', category: 'data', nodeTypes: ['effect', 'reducer'] });
    expect(tx.codeExample).toMatch(/^async def create_order/);
    expect(tx.description).toMatch(/learned from session s-1, score 0\.92/);
    const combined = createCatalog([...catalog.patterns, ...learned]);
    const ids = combined.match({ nodeType: 'effect', features: ['transactions'], topK: 10 }).map((m) => m.pattern.id);
    expect(ids).toEqual(expect.arrayContaining(['transaction_management_v1', 'transaction_management_learned_v1']));
  });

  test('rejects bad input naming the field', async () => {
    await expect(patterns.recordLearnedPattern({ code: GENERATED, score: 1.5 })).rejects.toThrow(/recordLearnedPattern: score/);
    await expect(patterns.recordPatternUsage('caching_v1', { passed: true, score: -1 })).rejects.toBeInstanceOf(PatternLibraryError);
  });
});

describe('effectiveness feedback', () => {
  test('confidence accumulates evidence instead of taking the last score', async () => {
    const id = 'retry_backoff_v1';
    expect((await patterns.effectiveness(id)).mean).toBe(0.5);
    const means: number[] = [];
    for (let i = 0; i < 8; i++) means.push((await patterns.recordPatternUsage(id, { passed: true, score: 0.9 })).mean);
    // each success moves the posterior up, by less each time
    for (let i = 1; i < means.length; i++) expect(means[i]!).toBeGreaterThan(means[i - 1]!);
    expect(means[1]! - means[0]!).toBeGreaterThan(means[7]! - means[6]!);
    // one failure after eight passes lowers it a little; an overwrite would drop it to 0
    const afterFailure = await patterns.recordPatternUsage(id, { passed: false, score: 0.2 });
    expect(afterFailure.mean).toBeLessThan(means[7]!);
    expect(afterFailure.mean).toBeGreaterThan(0.7);
    expect(afterFailure).toMatchObject({ uses: 9, passes: 8 });
    expect(afterFailure.alpha).toBeCloseTo(1 + 8 * 0.9, 9);
    expect(afterFailure.beta).toBeCloseTo(1 + 9 - 8 * 0.9, 9);
    expect(afterFailure.alpha / (afterFailure.alpha + afterFailure.beta)).toBeCloseTo(afterFailure.mean, 10);
  });

  test('one outcome for several patterns at once counts like one call per pattern', async () => {
    const ids = ['circuit_breaker_v1', 'timeout_handling_v1'];
    const before = await Promise.all(ids.map((id) => patterns.effectiveness(id)));
    const batch = await patterns.recordPatternUsages([...ids, ids[0]!], { passed: true, score: 0.9, sessionId: 's-b' });
    expect(batch.map((e) => e.patternId)).toEqual(ids);
    const one = await patterns.recordPatternUsage('single_call_v1', { passed: true, score: 0.9 });
    for (const [i, e] of batch.entries()) {
      expect(e.uses).toBe(before[i]!.uses + 1);
      if (before[i]!.uses === 0) expect(e.mean).toBeCloseTo(one.mean, 10);
    }
    expect(await patterns.recordPatternUsages([], { passed: false, score: 0 })).toEqual([]);
    await expect(patterns.recordPatternUsages(['x'], { passed: true, score: 2 })).rejects.toBeInstanceOf(PatternLibraryError);
  });

  test('a batch of generations counts like one call per generation', async () => {
    const ids = ['batch_a_v1', 'batch_b_v1'];
    const before = await Promise.all(ids.map((id) => patterns.effectiveness(id)));
    expect(before.map((e) => e.uses)).toEqual([0, 0]);
    const after = await patterns.recordPatternUsageBatch([
      { patternIds: [ids[0]!, ids[1]!, ids[0]!], passed: true, score: 0.9, sessionId: 's-batch' },
      { patternIds: [ids[0]!], passed: false, score: 0.2 },
      { patternIds: [], passed: true, score: 1 },
    ]);
    expect([...after.keys()].sort()).toEqual([...ids].sort());
    expect(after.get(ids[0]!)!.uses).toBe(2);
    expect(after.get(ids[0]!)!.passes).toBe(1);
    expect(after.get(ids[1]!)!.uses).toBe(1);
    expect(await patterns.effectiveness(ids[0]!)).toEqual(after.get(ids[0]!));
    // the same two outcomes one call at a time give the same posterior
    await patterns.recordPatternUsage('batch_single_v1', { passed: true, score: 0.9 });
    const single = await patterns.recordPatternUsage('batch_single_v1', { passed: false, score: 0.2 });
    expect(after.get(ids[0]!)!.mean).toBeCloseTo(single.mean, 10);
    expect(after.get(ids[0]!)!.mean).not.toBeCloseTo(after.get(ids[1]!)!.mean, 3);
    expect((await patterns.recordPatternUsageBatch([])).size).toBe(0);
    await expect(patterns.recordPatternUsageBatch([{ patternIds: ['x'], passed: true, score: 2 }])).rejects.toBeInstanceOf(PatternLibraryError);
  });

  test('patterns that keep failing are flagged for pruning, a few failures are not', async () => {
    for (let i = 0; i < 6; i++) await patterns.recordPatternUsage('caching_v1', { passed: false, score: 0.3 });
    for (let i = 0; i < 2; i++) await patterns.recordPatternUsage('batch_processing_v1', { passed: false, score: 0.4 });
    for (let i = 0; i < 3; i++) await patterns.recordPatternUsage('batch_processing_v1', { passed: true, score: 0.9 });
    const flagged = await patterns.flaggedForPruning();
    expect(flagged.map((e) => e.patternId)).toEqual(['caching_v1']);
    expect(flagged[0]!.mean).toBeLessThan(0.2);
  });

  test('the matcher uses the stored effectiveness', async () => {
    const catalog = await loadPatternCatalog();
    const lookup = await patterns.effectivenessLookup();
    const query = { nodeType: 'effect' as const, features: ['caching', 'retry'] };
    const plain = catalog.match(query);
    const informed = catalog.match(query, { effectiveness: lookup });
    const score = (list: typeof plain, id: string) => list.find((m) => m.pattern.id === id)?.score ?? 0;
    expect(score(informed, 'retry_backoff_v1')).toBeGreaterThan(score(plain, 'retry_backoff_v1'));
    expect(score(informed, 'caching_v1')).toBeLessThan(score(plain, 'caching_v1'));
  });
});

const CREATE_USER_BODY = `user = dict(getattr(contract, "input_state", None) or {})
async with self.pool.acquire() as conn:
    row = await conn.fetchrow("INSERT INTO users (email) VALUES ($1) RETURNING id", user.get("email"))
emit_log_event(LogLevel.INFO, "NodeUserEffect created user", {"user_id": row["id"]})
return {"user": dict(row), "kind": "User"}
`;

describe('template learning', () => {
  const createUser = { nodeType: 'effect' as const, methodName: 'create_user', params: ['self', 'user'], features: ['Connection pooling', 'database'], pattern: 'CRUD', className: 'NodeUserEffect' };

  test('learns a body and reuses it for a renamed method on a similar spec', async () => {
    const learned = await templates.learn(createUser, CREATE_USER_BODY, { score: 0.9, costMicros: 520_000, sessionId: 's-1' });
    expect(learned.status).toBe('created');
    expect(learned.template!.parameters).toEqual(['Entity', 'className', 'entities', 'entity']);
    expect(learned.template!.body).toContain('INSERT INTO <%entities%> (email)');

    const createOrder = { nodeType: 'effect' as const, methodName: 'create_order', params: ['self', 'order'], features: ['db pool', 'PostgreSQL'], pattern: 'CRUD', className: 'NodeOrderEffect' };
    const [hit] = await templates.findSimilar(createOrder);
    expect(hit!.template.id).toBe(learned.template!.id);
    expect(hit!.similarity).toBe(1);
    const { code, savedMicros } = await templates.render(hit!.template, createOrder, { sessionId: 's-2' });
    expect(savedMicros).toBe(520_000);
    expect(code).toBe(CREATE_USER_BODY.replace(/users/g, 'orders').replace(/user/g, 'order').replace('NodeUserEffect', 'NodeOrderEffect').replace('"User"', '"Order"'));
  });

  test('similarity falls with differing features and vanishes for another verb or node type', async () => {
    const fewer = await templates.findSimilar({ ...createUser, methodName: 'create_invoice', features: ['database', 'caching'] }, { minSimilarity: 0 });
    expect(fewer[0]!.similarity).toBeLessThan(1);
    expect(fewer[0]!.similarity).toBeGreaterThan(0.6);
    expect(await templates.findSimilar({ ...createUser, methodName: 'delete_user' })).toEqual([]);
    expect(await templates.findSimilar({ ...createUser, nodeType: 'reducer' })).toEqual([]);
  });

  test('upgrades only when a better-scoring generation arrives for the same signature', async () => {
    const worse = await templates.learn(createUser, CREATE_USER_BODY.replace('created user', 'made user'), { score: 0.85, costMicros: 1 });
    expect(worse.status).toBe('kept');
    expect(worse.template!.body).toContain('created <%entity%>');
    const better = await templates.learn(createUser, CREATE_USER_BODY.replace('created user', 'stored user'), { score: 0.97, costMicros: 610_000 });
    expect(better.status).toBe('upgraded');
    expect(better.template).toMatchObject({ revision: 2, score: 0.97, costMicros: 610_000, usageCount: 1 });
    const [hit] = await templates.findSimilar(createUser);
    expect(hit!.template.body).toContain('stored <%entity%>');
    expect((await templates.learn(createUser, CREATE_USER_BODY, { score: 0.5 })).status).toBe('rejected');
  });

  test('counts reuses and reports the LLM cost saved', async () => {
    const [hit] = await templates.findSimilar(createUser);
    await templates.render(hit!.template, { ...createUser, methodName: 'create_account', className: 'NodeAccountEffect' });
    await templates.render(hit!.template, { ...createUser, methodName: 'create_team', className: 'NodeTeamEffect' }, { record: false });
    const savings = await templates.savings();
    expect(savings.reuses).toBe(2);
    expect(savings.savedMicros).toBe(520_000 + 610_000);
    expect(savings.templates).toEqual([{ id: hit!.template.id, methodName: 'create_user', usageCount: 2, savedMicros: 1_130_000 }]);
  });

  test('concurrent first lookups read the template table once; a template learned meanwhile is found', async () => {
    // a fresh store over the same database, whose queries are logged by drizzle
    const queries: string[] = [];
    const logged = drizzle(client, { logger: { logQuery: (query) => void queries.push(query) } });
    const fresh = createTemplateStore(logged);
    const reads = () => queries.filter((q) => /^select .* from "pattern_templates" order by/i.test(q)).length;
    const createInvoice = { ...createUser, methodName: 'create_invoice', features: ['database', 'Connection pooling'] };
    const [a, b, , c] = await Promise.all([
      fresh.findSimilar(createInvoice),
      fresh.findSimilar(createInvoice),
      fresh.learn({ ...createUser, nodeType: 'compute', methodName: 'create_invoice' }, CREATE_USER_BODY, { score: 0.9 }),
      fresh.findSimilar(createInvoice),
    ]);
    expect(reads()).toBe(1);
    expect(a!.map((h) => h.template.methodName)).toEqual(['create_user']);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    const learned = await fresh.findSimilar({ ...createUser, nodeType: 'compute', methodName: 'create_invoice' });
    expect(learned.map((h) => h.template.nodeType)).toEqual(['compute']);
    expect(reads()).toBe(1);
  });

  test('rejects a signature that cannot fill the template', async () => {
    const [hit] = await templates.findSimilar(createUser);
    await expect(templates.render(hit!.template, { ...createUser, className: undefined })).rejects.toThrow(/needs signature.className/);
    await expect(templates.findSimilar({ ...createUser, methodName: 'create user' })).rejects.toThrow(/methodName/);
  });
});

describe('templates that held a secret (issue 19 §4)', () => {
  const fetchKey = { nodeType: 'effect' as const, methodName: 'fetch_rates', params: ['self', 'contract'], features: ['http'], pattern: 'CRUD', className: 'NodeRatesEffect' };
  const withHeader = (value: string) => `headers = {"Authorization": "${value}"}\nreturn await self.http.get("/rates", headers=headers)\n`;

  test('a body holding a key-shaped string or the redaction marker is never learned', async () => {
    const keyed = await templates.learn(fetchKey, withHeader('sk-proj-' + 'k'.repeat(30)), { score: 0.99, origin: 'examples' });
    expect(keyed).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/held a secret/) });
    const scrubbed = await templates.learn(fetchKey, withHeader('Bearer [REDACTED]'), { score: 0.99, origin: 'examples' });
    expect(scrubbed.status).toBe('rejected');
    expect(await templates.findSimilar(fetchKey)).toEqual([]);
  });

  test('one that got in before the rule is neither served nor approvable', async () => {
    const clean = await templates.learn(fetchKey, withHeader('Bearer {token}'), { score: 0.95, origin: 'examples' });
    expect(clean.status).toBe('created');
    expect((await templates.findReusable(fetchKey))?.template.id).toBe(clean.template!.id);
    // what a template learned by an older version holds: the marker where a key was scrubbed
    await client.query(`update pattern_templates set body = $1 where id = $2`, [withHeader('Bearer [REDACTED]'), clean.template!.id]);
    const reread = createTemplateStore(drizzle(client));
    expect(await reread.findReusable(fetchKey)).toBeUndefined();
    await expect(reread.approve(clean.template!.id)).rejects.toThrow(/held a secret/);
  });
});

describe('learning inside the caller\'s transaction (issue 13 §4, 19 §6)', () => {
  const sig = { nodeType: 'effect' as const, methodName: 'archive_invoice', params: ['self', 'invoice_id'], features: ['database'], className: 'NodeInvoiceEffect' };
  const body = 'async with self.pool.acquire() as conn:\n    await conn.execute("UPDATE invoices SET archived = true WHERE id = $1", invoice_id)\n';

  test('a transaction that rolls back leaves no template, and the index never serves it', async () => {
    // the store's index is loaded first, so a wrongly published template would be served from memory
    await templates.findSimilar(sig);
    const db = drizzle(client);
    await expect(
      db.transaction(async (tx) => {
        const learned = await templates.learn(sig, body, { score: 0.95, origin: 'examples' }, tx);
        expect(learned.status).toBe('created');
        expect(learned.afterCommit).toBeInstanceOf(Function);
        throw new Error('the file broke at injection');
      }),
    ).rejects.toThrow('the file broke at injection');
    expect(await templates.findReusable(sig)).toBeUndefined();
    expect((await client.query(`select count(*)::int as n from pattern_templates where method_name = 'archive_invoice'`)).rows).toEqual([{ n: 0 }]);
  });

  test('a committed one is served once afterCommit ran', async () => {
    const db = drizzle(client);
    const learned = await db.transaction((tx) => templates.learn(sig, body, { score: 0.95, origin: 'examples' }, tx));
    expect(await templates.findReusable(sig)).toBeUndefined();
    await learned.afterCommit!();
    expect((await templates.findReusable(sig))?.template.id).toBe(learned.template!.id);
  });
});
