// The queue on the harness's real PostgreSQL: two workers in this process share a run; every method
// commits once with its effect row, every node is assembled once after its methods, the run closes;
// a method finished twice (an expired job handed out again) commits once; stop() drains or releases.
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { migrate, openDatabase, type DatabaseHandle, type MetricsDb } from '@onexgen/metrics';
import { testDatabaseUrl } from '@onexgen/test-harness';
import {
  commitMethod,
  commitMethods,
  commitNode,
  nodesReady,
  createAttemptLedger,
  enqueueRun,
  getNodes,
  getRun,
  openWorkQueue,
  runStatus,
  startWorker,
  waitForRun,
  WorkQueueError,
  type WorkQueue,
  type WorkerHandlers,
} from '../src/index.js';

let url: string;
let dbName: string;
let handle: DatabaseHandle;
let queue: WorkQueue;

beforeAll(async () => {
  const server = testDatabaseUrl();
  dbName = `work_queue_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${dbName}"`);
  await admin.end();
  const u = new URL(server);
  u.pathname = `/${dbName}`;
  url = u.toString();
  handle = await openDatabase(url, { poolSize: 6 });
  await migrate(handle);
  queue = await openWorkQueue({ url, handle, maintenanceIntervalSeconds: 1 });
}, 60_000);

afterAll(async () => {
  await queue?.close();
  await handle?.close();
  const admin = postgres(testDatabaseUrl(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
  await admin.end();
});

/** One effect row per committed method, in a table of the test's own, written inside the commit. */
async function effectsTable(db: MetricsDb): Promise<void> {
  await db.execute(sql`create table if not exists effects (run_id uuid, node_key text, method text, worker text)`);
}

function handlers(worker: string, delayMs = 5, calls?: Map<string, number>): WorkerHandlers {
  return {
    async method(job) {
      const key = `${job.nodeKey}.${job.method}`;
      calls?.set(key, (calls.get(key) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, delayMs));
      return {
        ok: true,
        result: { body: `return ${JSON.stringify(key)}` },
        effects: async (tx) => {
          await tx.execute(sql`insert into effects values (${job.runId}, ${job.nodeKey}, ${job.method}, ${worker})`);
        },
      };
    },
    async node(job) {
      return { result: { written: job.methods.map((m) => (m.result as { body: string }).body), by: worker } };
    },
  };
}

test('two workers: each method commits once with its effect, each node assembles once after its methods', async () => {
  await effectsTable(handle.db);
  const nodes = Array.from({ length: 4 }, (_, n) => ({
    key: `node_${n}`,
    methods: Array.from({ length: n === 3 ? 0 : 15 }, (_, m) => `m${m}`),
    input: { spec: `spec_${n}.yaml` },
  }));
  const runId = await enqueueRun(queue, { options: { out: '/tmp/x' }, nodes });
  // enqueuing the same run again adds no job
  await enqueueRun(queue, { runId, options: {}, nodes });
  const calls = new Map<string, number>();
  const a = startWorker(queue, handlers('a', 5, calls), { concurrency: 4, workerId: 'a', pollIntervalMs: 50 });
  const b = startWorker(queue, handlers('b', 5, calls), { concurrency: 4, workerId: 'b', pollIntervalMs: 50 });
  const status = await waitForRun(handle.db, runId, { intervalMs: 100 });
  await Promise.all([a.stop(), b.stop()]);

  expect(status).toMatchObject({ state: 'done', nodes: { total: 4, done: 4 }, methods: { total: 45, done: 45, failed: 0 } });
  expect([...calls.values()].every((n) => n === 1)).toBe(true);
  expect(calls.size).toBe(45);
  const effects = (await handle.db.execute(sql`select count(*)::int as n, count(distinct (node_key, method))::int as d from effects where run_id = ${runId}`)) as unknown as { n: number; d: number }[];
  expect(effects[0]).toEqual({ n: 45, d: 45 });
  const assembled = await getNodes(handle.db, runId);
  expect(assembled.map((n) => (n.result as { written: string[] }).written.length)).toEqual([15, 15, 15, 0]);
  expect(assembled[1]!.result).toMatchObject({ written: expect.arrayContaining(['return "node_1.m14"']) });
  expect(status.jobs.completed ?? 0).toBeGreaterThanOrEqual(45 + 4);
}, 60_000);

test('a method finished by two attempts commits once: the later one writes no effect', async () => {
  await effectsTable(handle.db);
  const runId = await enqueueRun(queue, { options: {}, nodes: [{ key: 'n', methods: ['only'], input: {} }] });
  const key = { runId, nodeKey: 'n', method: 'only' };
  const effect = (who: string) => async (tx: MetricsDb) => {
    await tx.execute(sql`insert into effects values (${runId}, 'n', 'only', ${who})`);
  };
  const [first, second] = await Promise.all([
    commitMethod(handle.db, key, 0, 'a', { ok: true, result: 1, effects: effect('a') }),
    commitMethod(handle.db, key, 1, 'b', { ok: true, result: 2, effects: effect('b') }),
  ]);
  expect([first, second].filter(Boolean)).toHaveLength(1);
  const rows = (await handle.db.execute(sql`select worker from effects where run_id = ${runId}`)) as unknown as { worker: string }[];
  expect(rows).toHaveLength(1);
  expect(rows[0]!.worker).toBe(first ? 'a' : 'b');
});

test('a group of commits is one transaction: winners get their effects written together; a key already committed or twice in the group loses', async () => {
  await effectsTable(handle.db);
  const runId = await enqueueRun(queue, { options: {}, nodes: [{ key: 'g', methods: ['a', 'b', 'c'], input: {} }, { key: 'h', methods: ['x'], input: {} }] });
  const key = (nodeKey: string, method: string) => ({ runId, nodeKey, method });
  const effect = (method: string, who: string) => async (tx: MetricsDb) => {
    await tx.execute(sql`insert into effects values (${runId}, 'g', ${method}, ${who})`);
  };
  expect(await commitMethod(handle.db, key('g', 'a'), 0, 'early', { ok: true, result: 'early', effects: effect('a', 'early') })).toBe(true);
  const written: unknown[][] = [];
  const won = await commitMethods(
    handle.db,
    [
      { key: key('g', 'a'), jobAttempt: 1, commit: { ok: true, result: 'late', effects: effect('a', 'late') } },
      { key: key('g', 'b'), jobAttempt: 0, commit: { ok: true, result: 'b1', effects: effect('b', 'first') } },
      { key: key('g', 'b'), jobAttempt: 1, commit: { ok: true, result: 'b2', effects: effect('b', 'second') } },
      { key: key('g', 'c'), jobAttempt: 0, commit: { ok: false, result: 'c', effects: effect('c', 'group') } },
    ],
    'group',
    async (tx, commits) => {
      written.push(commits.map((c) => c.result));
      for (const c of commits) await c.effects?.(tx);
    },
  );
  expect(won).toEqual([false, true, false, true]);
  // one call for the group's winners, in order
  expect(written).toEqual([['b1', 'c']]);
  const rows = (await handle.db.execute(sql`select method, worker from effects where run_id = ${runId} order by method`)) as unknown as { method: string; worker: string }[];
  expect([...rows]).toEqual([
    { method: 'a', worker: 'early' },
    { method: 'b', worker: 'first' },
    { method: 'c', worker: 'group' },
  ]);
  // readiness of several nodes in one query: g has all three methods, h none
  expect([...(await nodesReady(handle.db, [{ runId, nodeKey: 'g' }, { runId, nodeKey: 'h' }]))]).toEqual([`${runId}\u0000g`]);
});

test('stop() lets in-flight jobs finish within the drain time; after it they are released to another worker', async () => {
  const runId = await enqueueRun(queue, { options: {}, nodes: [{ key: 'slow', methods: ['s1', 's2'], input: {} }] });
  const started = new Set<string>();
  const slow: WorkerHandlers = {
    ...handlers('slow'),
    async method(job) {
      started.add(job.method);
      await new Promise<void>((resolve, reject) => {
        const t = setTimeout(resolve, job.method === 's2' ? 60_000 : 300);
        job.signal.addEventListener('abort', () => {
          clearTimeout(t);
          reject(job.signal.reason);
        });
      });
      return { ok: true, result: { body: 'slow' } };
    },
  };
  const w = startWorker(queue, slow, { concurrency: 2, workerId: 'slow', pollIntervalMs: 50 });
  while (!started.has('s1') || !started.has('s2')) await new Promise((r) => setTimeout(r, 20));
  const stopped = await w.stop({ drainMs: 1_000 });
  // (it may also have run jobs other tests left behind: only s2 outlasts the drain)
  expect(stopped.released).toBe(1);
  let status = await runStatus(handle.db, runId);
  expect(status.methods.done).toBe(1);
  expect(status.jobs.retry).toBe(1);
  // the released job is retried by the next worker
  const next = startWorker(queue, handlers('next'), { concurrency: 1, workerId: 'next', pollIntervalMs: 50 });
  status = await waitForRun(handle.db, runId, { intervalMs: 100 });
  await next.stop();
  expect(status).toMatchObject({ state: 'done', methods: { done: 2 } });
}, 30_000);

test('an embedded database is refused with a message asking for a PostgreSQL URL', async () => {
  const fake = { ...handle, kind: 'pglite' as const };
  await expect(openWorkQueue({ url: 'memory://', handle: fake })).rejects.toThrow(WorkQueueError);
  await expect(openWorkQueue({ url: 'memory://', handle: fake })).rejects.toThrow(/PostgreSQL/);
});

test('status of an unknown run names it', async () => {
  const id = randomUUID();
  await expect(runStatus(handle.db, id)).rejects.toThrow(new RegExp(id));
});

test('attempt ledger: a request that got its answer has one row with the outcome; one whose worker died keeps a worker_lost row', async () => {
  const ledger = createAttemptLedger(handle.db);
  const answered = randomUUID();
  const lost = randomUUID();
  const start = { callNumber: 1, attempt: 1, provider: 'sim', model: 'm', tier: 'cloud_fast' };
  await ledger.started({ ...start, correlationId: answered });
  await ledger.started({ ...start, correlationId: lost });
  await ledger.finished({ ...start, correlationId: answered, status: 'success', latencyMs: 12, tokensInput: 5, tokensOutput: 7, costMicroUsd: 3 });
  const rows = (await handle.db.execute(
    sql`select correlation_id::text as id, status, error_class, tokens_output from llm_call_attempts where correlation_id in (${answered}, ${lost}) order by status`,
  )) as unknown as { id: string; status: string; error_class: string | null; tokens_output: number }[];
  expect([...rows]).toEqual([
    { id: lost, status: 'cancelled', error_class: 'worker_lost', tokens_output: 0 },
    { id: answered, status: 'success', error_class: null, tokens_output: 7 },
  ]);
});

test('attempt ledger: requests starting and answers arriving together are written together, each with its own outcome', async () => {
  const ledger = createAttemptLedger(handle.db);
  const ids = Array.from({ length: 30 }, () => randomUUID());
  const start = { callNumber: 2, attempt: 1, provider: 'sim', model: 'm' };
  // all at once: the first write goes alone, the rest wait for it and go in the next one
  await Promise.all(ids.map((correlationId) => ledger.started({ ...start, correlationId })));
  const answered = ids.slice(0, 20);
  await Promise.all(
    answered.map((correlationId, i) =>
      ledger.finished(
        i % 2 === 0
          ? { ...start, correlationId, status: 'success', latencyMs: 10 + i, tokensOutput: i, timeToFirstTokenMs: 4 }
          : { ...start, correlationId, status: 'error', errorClass: 'rate_limit', httpStatus: 429, latencyMs: 10 + i },
      ),
    ),
  );
  // the same request's outcome offered twice in one group (behind another's write): the later one is kept
  await Promise.all([
    ledger.finished({ ...start, correlationId: ids[28]!, status: 'success', latencyMs: 3 }),
    ledger.finished({ ...start, correlationId: ids[29]!, status: 'error', errorClass: 'timeout', latencyMs: 1 }),
    ledger.finished({ ...start, correlationId: ids[29]!, status: 'success', latencyMs: 2, tokensOutput: 9 }),
    ledger.started({ ...start, correlationId: ids[29]! }),
  ]);
  const rows = (await handle.db.execute(
    sql`select correlation_id::text as id, status, error_class, http_status, tokens_output, latency_ms, time_to_first_token_ms as ttft from llm_call_attempts where call_number = 2 and correlation_id in ${sql.raw(`(${ids.map((id) => `'${id}'`).join(', ')})`)}`,
  )) as unknown as { id: string; status: string; error_class: string | null; http_status: number | null; tokens_output: number; latency_ms: number; ttft: number | null }[];
  const byId = new Map([...rows].map((r) => [r.id, r]));
  expect(byId.size).toBe(30);
  answered.forEach((id, i) => {
    expect(byId.get(id)).toMatchObject(
      i % 2 === 0
        ? { status: 'success', error_class: null, http_status: null, tokens_output: i, latency_ms: 10 + i, ttft: 4 }
        : { status: 'error', error_class: 'rate_limit', http_status: 429, tokens_output: 0, latency_ms: 10 + i, ttft: null },
    );
  });
  for (const id of ids.slice(20, 28)) expect(byId.get(id)).toMatchObject({ status: 'cancelled', error_class: 'worker_lost' });
  expect(byId.get(ids[28]!)).toMatchObject({ status: 'success', error_class: null, latency_ms: 3 });
  expect(byId.get(ids[29]!)).toMatchObject({ status: 'success', error_class: null, tokens_output: 9, latency_ms: 2 });
});

test('waiting jobs are fetched through an index in fetch order, on every queue partition; opening again is harmless', async () => {
  // two more processes' worth of opens at once: the index is created once, nobody fails
  const more = await Promise.all([openWorkQueue({ url, handle }), openWorkQueue({ url, handle })]);
  for (const q of more) await q.close();
  const indexes = await handle.db.execute(
    sql`select c.relname as tbl, i.relname as idx from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class c on c.oid = x.indrelid
        join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'pgboss' and pg_get_indexdef(x.indexrelid) like '%(name, priority DESC, created_on, id)%'`,
  );
  const rows = (Array.isArray(indexes) ? indexes : (indexes as { rows: { tbl: string; idx: string }[] }).rows) as { tbl: string; idx: string }[];
  expect(rows.map((r) => r.idx)).toContain('onexgen_job_fetch');
  // the parent plus one partition per queue (method and node)
  expect(rows.length).toBeGreaterThanOrEqual(3);
  // with enough waiting jobs, pg-boss's fetch order is served by the index instead of a sort
  const runId = await enqueueRun(queue, { options: {}, nodes: Array.from({ length: 30 }, (_, n) => ({ key: `ix_${n}`, methods: Array.from({ length: 100 }, (_, m) => `m${m}`), input: {} })) });
  await handle.db.execute(sql`analyze pgboss.job`);
  const plan = await handle.db.execute(
    sql.raw(`explain select id from pgboss.job where name = 'onexgen-method' and state < 'active' and start_after < now() order by priority desc, created_on, id limit 1 for update skip locked`),
  );
  const text = JSON.stringify(plan);
  expect(text).toMatch(/Index Scan using \w+/);
  expect(text).not.toMatch(/Sort/);
  await handle.db.execute(sql`delete from pgboss.job where data->>'runId' = ${runId}`);
}, 60_000);

test('workers started together on a fresh database all open the queue (its setup is serialised, not deadlocked)', async () => {
  const fresh = `${dbName}_fresh`;
  const admin = postgres(testDatabaseUrl(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${fresh}"`);
  const u = new URL(url);
  u.pathname = `/${fresh}`;
  const handles = await Promise.all(Array.from({ length: 3 }, () => openDatabase(u.toString(), { poolSize: 2 })));
  try {
    await migrate(handles[0]!);
    // three processes' worth: each its own pg-boss and its own connections, all creating at once
    const opened = await Promise.allSettled(handles.map((h) => openWorkQueue({ url: u.toString(), handle: h })));
    for (const o of opened) if (o.status === 'fulfilled') await o.value.close();
    expect(opened.map((o) => (o.status === 'rejected' ? String(o.reason) : 'opened'))).toEqual(['opened', 'opened', 'opened']);
  } finally {
    for (const h of handles) await h.close();
    await admin.unsafe(`drop database if exists "${fresh}" with (force)`);
    await admin.end();
  }
}, 60_000);

/** The promise's value, or 'gave up after N ms' when it takes longer (the timer is cleared either way). */
async function within<T>(ms: number, promise: Promise<T>): Promise<T | string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<string>((r) => (timer = setTimeout(() => r(`gave up after ${ms} ms`), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

test("a node's commit takes no lock on the run: it does not wait for a method commit still open on the same run (whose foreign key holds one on the run's row)", async () => {
  const runId = await enqueueRun(queue, { options: {}, nodes: [{ key: 'lock-a', methods: ['m'], input: {} }, { key: 'lock-b', methods: ['m'], input: {} }] });
  // a method result inserted in a transaction left open: its foreign key holds KEY SHARE on the run's row
  const other = postgres(url, { max: 1, onnotice: () => {} });
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let inserted!: () => void;
  const holding = new Promise<void>((r) => (inserted = r));
  const open = other.begin(async (tx) => {
    await tx`insert into queue_method_results (run_id, node_key, method, job_attempt, ok, result, worker) values (${runId}, 'lock-b', 'm', 0, true, '1', 'other')`;
    inserted();
    await released;
  });
  await holding;
  try {
    expect(await within(5_000, commitNode(handle.db, runId, 'lock-a', 'assembler', { result: { written: true } }))).toBe(true);
  } finally {
    release();
    await open;
    await other.end();
  }
  const written = await getNodes(handle.db, runId);
  expect(written.map((n) => [n.nodeKey, n.result])).toEqual([['lock-a', { written: true }], ['lock-b', null]]);
}, 30_000);

test('node commits racing on one run: the run closes once every node has its result, whichever commits last', async () => {
  for (let round = 0; round < 5; round++) {
    const keys = Array.from({ length: 8 }, (_, i) => `race-${i}`);
    const runId = await enqueueRun(queue, { options: {}, nodes: keys.map((key) => ({ key, methods: ['m'], input: {} })) });
    const set = await Promise.all(keys.map((key) => commitNode(handle.db, runId, key, `w${key}`, { result: key })));
    expect(set).toEqual(keys.map(() => true));
    expect((await getRun(handle.db, runId)).state).toBe('done');
  }
}, 30_000);

test('a node job retried after its first attempt wrote the result but died before closing the run closes it', async () => {
  // a node without methods has its assembly job from the start
  const runId = await enqueueRun(queue, { options: {}, nodes: [{ key: 'half', methods: [], input: {} }] });
  await handle.db.execute(sql`update queue_nodes set result = '"first"'::jsonb, assembled_by = 'dead' where run_id = ${runId} and node_key = 'half'`);
  const assembled: string[] = [];
  const w = startWorker(queue, { ...handlers('retry'), node: async (job) => (assembled.push(job.nodeKey), { result: 'again' }) }, { concurrency: 1, workerId: 'retry', pollIntervalMs: 50 });
  try {
    expect(await within(10_000, waitForRun(handle.db, runId, { intervalMs: 50 }))).toMatchObject({ state: 'done' });
  } finally {
    await w.stop();
  }
  // (the worker may also take jobs other tests left behind: only this run's node must not be assembled again)
  expect(assembled).not.toContain('half');
  expect((await getNodes(handle.db, runId))[0]).toMatchObject({ result: 'first', assembledBy: 'dead' });
}, 30_000);

test('an assembly retried after its result was written but before the run was closed closes the run', async () => {
  const runId = await enqueueRun(queue, { options: {}, nodes: [{ key: 'only', methods: ['m'], input: {} }] });
  // the first attempt got as far as the node's result, then its worker died
  await handle.db.execute(sql`update queue_nodes set result = '"first"'::jsonb, assembled_by = 'dead' where run_id = ${runId} and node_key = 'only'`);
  expect((await getRun(handle.db, runId)).state).toBe('queued');
  expect(await commitNode(handle.db, runId, 'only', 'retry', { result: 'second' })).toBe(false);
  expect((await getRun(handle.db, runId)).state).toBe('done');
  expect((await getNodes(handle.db, runId))[0]).toMatchObject({ result: 'first', assembledBy: 'dead' });
});
