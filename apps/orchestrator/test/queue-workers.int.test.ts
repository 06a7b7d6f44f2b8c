// Scale-out on the harness's real PostgreSQL with the BUILT CLI as real processes and llm-sim over
// HTTP: `generate --queue` enqueues 300 methods (30 specs × 10), three `onexgen worker` processes
// take them, one is SIGKILLed mid-run. Every method ends up done exactly once (one result, one
// generation row), every provider request has exactly one attempt row (a request the killed worker
// had in flight keeps its write-ahead `worker_lost` row), every node is written. Then: a budgeted
// run stops across workers within its bound; SIGTERM drains a worker (exit 0); --queue without a
// PostgreSQL URL is refused.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { startLlmSim, type LlmSim } from '@onexgen/llm-sim';
import { openDatabase, type DatabaseHandle } from '@onexgen/metrics';
import { tidyGeneratedImports } from '@onexgen/node-source';
import { loadPythonParser } from '@onexgen/response-validator';
import { testDatabaseUrl, uniqueSchemaName } from '@onexgen/test-harness';
import { sql } from 'drizzle-orm';
import type { ChildProcess } from 'node:child_process';
import { assertBuilt, runBuiltCli, startBuiltCli } from './helpers/run-built-cli.js';
import { goodResponder } from './helpers/sim.js';

const KEY = 'sk-onexgen-queue-SECRET-4242';
const SPECS = 30;
const OPS_PER_SPEC = 9; // + the compute entry method = 10 stubs per spec
const tmp = mkdtempSync(join(tmpdir(), 'onexgen-queue-'));
let sim: LlmSim;
let databaseUrl: string;
let serverUrl: string;
let dbName: string;
let db: DatabaseHandle;
const workers: ChildProcess[] = [];

function writeSpecs(dir: string, count: number, prefix: string): string[] {
  return Array.from({ length: count }, (_, i) => {
    const ops = Array.from({ length: OPS_PER_SPEC }, (_, j) => `  - { name: op_${j}, description: Compute part ${j} of the ${prefix} ${i} total. }`).join('\n');
    const file = join(dir, `${prefix}-${i}.yaml`);
    writeFileSync(file, `name: ${prefix}_ops_${i}\nnode_type: COMPUTE_GENERIC\ndomain: accounting\ndescription: Ledger helpers ${i}.\noperations:\n${ops}\n`);
    return file;
  });
}

const env = (dir: string): Record<string, string> => ({ HOME: dir, CI: '1', DATABASE_URL: databaseUrl, ONEXGEN_API_KEY: KEY });
const providerArgs = () => ['--provider', 'openai-compatible', '--base-url', `${sim.url}/v1`, '--model', 'glm-4.5'];

function startWorker(dir: string, extra: string[] = []) {
  const w = startBuiltCli(['worker', '--concurrency', '4', '--poll-ms', '100', '--expire-check-seconds', '1', ...extra], { cwd: dir, env: env(dir) });
  workers.push(w.child);
  return w;
}

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return [...((await db.db.execute(query)) as unknown as T[])];
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const chatRequests = () => sim.requests.filter((r) => r.path.endsWith('/chat/completions')).length;

beforeAll(async () => {
  assertBuilt();
  serverUrl = testDatabaseUrl();
  dbName = uniqueSchemaName('onexgen_queue');
  const admin = await openDatabase(serverUrl, { poolSize: 1 });
  try {
    await admin.db.execute(sql.raw(`create database ${dbName}`));
  } finally {
    await admin.close();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  databaseUrl = url.toString();
  sim = await startLlmSim({ scenario: { responder: goodResponder, latencyMs: 40 } });
}, 60_000);

afterAll(async () => {
  for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
  await db?.close();
  await sim?.close();
  const admin = await openDatabase(serverUrl, { poolSize: 1 });
  await admin.db.execute(sql.raw(`drop database if exists ${dbName} with (force)`)).catch(() => undefined);
  await admin.close();
  rmSync(tmp, { recursive: true, force: true });
});

test('three workers, one SIGKILLed mid-run: 300 methods done exactly once, one attempt row per provider request, every node written', async () => {
  const dir = mkdtempSync(join(tmp, 'run-'));
  const specs = writeSpecs(dir, SPECS, 'ledger');
  const queued = await runBuiltCli(['generate', ...specs, '--out', 'out', '--queue', '--json', '--job-timeout', '6', ...providerArgs()], { cwd: dir, env: env(dir) });
  expect(queued.stderr).toBe('');
  expect(queued.code).toBe(0);
  const { runId, methods } = JSON.parse(queued.stdout) as { runId: string; methods: number };
  expect(methods).toBe(SPECS * (OPS_PER_SPEC + 1));
  db = await openDatabase(databaseUrl, { poolSize: 2 });

  const started = [startWorker(dir), startWorker(dir), startWorker(dir)];
  const committed = async () => (await rows<{ n: number }>(sql`select count(*)::int as n from queue_method_results where run_id = ${runId}`))[0]!.n;
  await until('a fifth of the methods', async () => (await committed()) >= 60, 90_000);
  started[0]!.child.kill('SIGKILL');
  await until('the run to finish', async () => (await rows<{ state: string }>(sql`select state from queue_runs where run_id = ${runId}`))[0]!.state === 'done', 120_000);

  // every method once, every node written from them
  const results = await rows<{ n: number; d: number }>(sql`select count(*)::int as n, count(distinct (node_key, method))::int as d from queue_method_results where run_id = ${runId} and ok`);
  expect(results[0]).toEqual({ n: 300, d: 300 });
  const nodes = await rows<{ status: string; methods: number; output: string }>(
    sql`select result->>'status' as status, jsonb_array_length(result->'methods')::int as methods, result->>'output' as output from queue_nodes where run_id = ${runId}`,
  );
  expect(nodes).toHaveLength(SPECS);
  expect(nodes.every((n) => n.status === 'written' && n.methods === OPS_PER_SPEC + 1 && existsSync(join(n.output, 'node.py')))).toBe(true);
  // written as a local run writes them: imports tidied (the skeleton's unused `from .models import …` gone)
  const parser = await loadPythonParser();
  for (const n of nodes) {
    const nodePy = readFileSync(join(n.output, 'node.py'), 'utf8');
    expect(tidyGeneratedImports(parser, nodePy)).toEqual({ source: nodePy, removed: [] });
  }

  // no duplicate generation rows: one per method of the run
  const generations = await rows<{ n: number; d: number }>(
    sql`select count(*)::int as n, count(distinct (service_name, method_name))::int as d from llm_generation_metrics where session_id = ${runId}`,
  );
  expect(generations[0]).toEqual({ n: 300, d: 300 });

  // one attempt row per request the provider saw (this database holds only this test's runs): the
  // row is written before its request goes out, so none is ever missing; a worker killed between
  // writing it and sending the request leaves a row the provider never saw (seen in 1 of 6 runs),
  // and such a row says so (worker_lost, no answer recorded)
  const attempts = await rows<{ n: number; lost: number }>(sql`select count(*)::int as n, count(*) filter (where error_class = 'worker_lost')::int as lost from llm_call_attempts`);
  const requests = chatRequests();
  expect(attempts[0]!.n).toBeGreaterThanOrEqual(requests);
  expect(attempts[0]!.n - requests).toBeLessThanOrEqual(attempts[0]!.lost);
  expect(attempts[0]!.lost).toBeLessThanOrEqual(4); // at most the killed worker's in-flight calls
  expect(JSON.stringify(await rows(sql`select options from queue_runs`))).not.toContain(KEY);
}, 240_000);

test('a budget stops the run across workers, overshooting by at most the calls in flight (one per worker slot)', async () => {
  const dir = mkdtempSync(join(tmp, 'budget-'));
  const specs = writeSpecs(dir, 6, 'budget');
  const maxCallCost = async () => (await rows<{ m: number }>(sql`select max(cost_micro_usd)::int as m from llm_call_attempts where status = 'success'`))[0]!.m;
  const limitMicros = (await maxCallCost()) * 12;
  expect(limitMicros).toBeGreaterThan(0);
  const run = await runBuiltCli(
    ['generate', ...specs, '--out', 'out', '--queue', '--wait', '--budget', String(limitMicros / 1e6), '--job-timeout', '6', ...providerArgs()],
    { cwd: dir, env: env(dir) },
  );
  // the same exit code as a local run whose budget ran out
  expect(run.code).toBe(3);
  expect(run.stdout).toMatch(/budget/i);
  const runId = /queued run ([0-9a-f-]{36})/.exec(run.stderr)![1]!;
  const spent = (await rows<{ s: number }>(sql`select spent_micro_usd::int as s from llm_budget_spend where scope_key = ${`run:${runId}`}`))[0]!.s;
  const maxCall = await maxCallCost();
  const liveWorkers = 2;
  const slots = liveWorkers * 4;
  console.log(`budget: limit ${limitMicros} µ$, spent ${spent} µ$, bound ${limitMicros + slots * maxCall} µ$ (max call ${maxCall} µ$)`);
  expect(spent).toBeGreaterThanOrEqual(limitMicros);
  expect(spent).toBeLessThanOrEqual(limitMicros + slots * maxCall);
}, 120_000);

test('SIGTERM drains a worker: in-flight jobs finish, nothing new is taken, exit 0', async () => {
  for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGTERM');
  await until('the other workers to stop', async () => workers.every((w) => w.exitCode !== null || w.signalCode !== null), 60_000);
  expect(workers.slice(1).map((w) => w.exitCode)).toEqual([0, 0]);

  // the earlier SIGKILL test left worker_lost rows of its own: count only the ones this test adds
  const lostRows = async () => (await rows<{ n: number }>(sql`select count(*)::int as n from llm_call_attempts where error_class = 'worker_lost'`))[0]!.n;
  const lostBefore = await lostRows();
  const dir = mkdtempSync(join(tmp, 'drain-'));
  const specs = writeSpecs(dir, 2, 'drain');
  sim.setScenario({ responder: goodResponder, latencyMs: 1_500 });
  const queued = await runBuiltCli(['generate', ...specs, '--out', 'out', '--queue', '--json', ...providerArgs()], { cwd: dir, env: env(dir) });
  const { runId } = JSON.parse(queued.stdout) as { runId: string };
  const before = sim.requests.length;
  const w = startWorker(dir, ['--concurrency', '2', '--drain-seconds', '20']);
  await until('a model call in flight', async () => sim.requests.length > before, 60_000);
  w.child.kill('SIGTERM');
  const exit = await w.done;
  expect(exit.code).toBe(0);
  expect(exit.stderr).toMatch(/stopped \(\d+ job\(s\) done, 0 released/);
  const done = await rows<{ n: number }>(sql`select count(*)::int as n from queue_method_results where run_id = ${runId}`);
  expect(done[0]!.n).toBeGreaterThanOrEqual(1);
  expect(done[0]!.n).toBeLessThan(20);
  expect(await lostRows()).toBe(lostBefore);
}, 120_000);

test('--queue with the embedded database is refused: a PostgreSQL URL is needed (exit 2)', async () => {
  const dir = mkdtempSync(join(tmp, 'pglite-'));
  const [spec] = writeSpecs(dir, 1, 'embedded');
  const run = await runBuiltCli(['generate', spec!, '--queue', '--db', join(dir, 'db'), '--offline'], { cwd: dir, env: { HOME: dir, CI: '1' } });
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/needs a PostgreSQL URL/);
  expect(existsSync(join(dir, 'db'))).toBe(false);
});
