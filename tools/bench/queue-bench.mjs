#!/usr/bin/env node
// The work queue on one PostgreSQL, printed (never asserted). Build first (`npm run build`).
//
//   node tools/bench/queue-bench.mjs [--db postgres://…] [--jobs 100000] [--specs 40] [--ops 9]
//       [--latency 200] [--concurrency 25] [--skip-workers]
//
// 1. Queue cost: --jobs method jobs enqueued (nodes of 100 methods), then as many committed method
//    results with a typical body and outcome (~1.5 KB); the on-disk size of pg-boss's job tables and
//    of the queue_* tables, extrapolated per million jobs; enqueue rate; bare fetch+complete rate
//    (four loops, no work) — what the queue itself costs a method.
// 2. Workers: the built CLI end to end, llm-sim in its own process at --latency: `generate --queue`
//    of specs × (ops + 1) methods, then one worker process vs two, each at --concurrency, from
//    enqueue to the run's last node written. Peer: the ideal (workers × concurrency / latency).
// Without --db a throwaway server is started (tools/test-harness/pg-server.cjs).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { migrate, openDatabase } from '../../packages/metrics/dist/index.js';
import { commitMethod, enqueueRun, METHOD_QUEUE, openWorkQueue } from '../../packages/work-queue/dist/index.js';

const require = createRequire(import.meta.url);
const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    jobs: { type: 'string', default: '100000' },
    specs: { type: 'string', default: '40' },
    ops: { type: 'string', default: '9' },
    latency: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '25' },
    'skip-workers': { type: 'boolean', default: false },
  },
});
const JOBS = Number(values.jobs);
const SPECS = Number(values.specs);
const OPS = Number(values.ops);
const LATENCY = Number(values.latency);
const CONCURRENCY = Number(values.concurrency);
const BIN = fileURLToPath(new URL('../../apps/orchestrator/bin/onexgen.js', import.meta.url));
const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1);

let server;
let serverUrl = values.db;
if (!serverUrl) {
  server = await require('../test-harness/pg-server.cjs').startServer();
  serverUrl = server.url;
}

async function freshDatabase(name) {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

async function queueCost() {
  const url = await freshDatabase('queue_bench_cost');
  const handle = await openDatabase(url, { poolSize: 4 });
  await migrate(handle);
  const queue = await openWorkQueue({ url, handle });
  const size = async (where) =>
    Number((await handle.db.execute(sql.raw(`select coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint as b from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relkind in ('r', 'p') and ${where}`)))[0].b);
  const bossBefore = await size(`n.nspname = 'pgboss'`);
  const nodes = Array.from({ length: Math.ceil(JOBS / 100) }, (_, i) => ({
    key: `node-${i}`,
    methods: Array.from({ length: Math.min(100, JOBS - i * 100) }, (_, m) => `NodeBench${i}Compute.operation_${m}`),
    input: { file: `spec-${i}.yaml`, spec: { name: `bench_${i}`, node_type: 'compute', description: 'x'.repeat(200) }, outDir: '/srv/out' },
  }));
  let t = performance.now();
  const runId = await enqueueRun(queue, { options: { version: 1 }, nodes });
  const enqueueMs = performance.now() - t;
  await handle.db.execute(sql`analyze`);
  const bossJobs = (await size(`n.nspname = 'pgboss'`)) - bossBefore;
  const nodesBytes = await size(`c.relname = 'queue_nodes'`);
  // a committed result as the pipeline writes it: body, imports, outcome (verdict, tokens, issues…)
  const result = {
    code: `result = {}\n${'    value = self._compute(input_data)\n'.repeat(12)}return result\n`,
    imports: ['from typing import Any'],
    outcome: { class: 'NodeBenchCompute', name: 'operation', strategy: 'llm', attempts: 1, passed: true, verdict: 'passed-static', score: 0.99, tokens: { input: 1500, output: 120, total: 1620 }, cost: 0.00097, latency: 212.4, modelLatency: 201.3, issues: [], correlationId: '00000000-0000-4000-8000-000000000000' },
  };
  t = performance.now();
  const sample = Math.min(JOBS, 20_000);
  for (let i = 0; i < sample; i += 200) {
    await Promise.all(
      Array.from({ length: Math.min(200, sample - i) }, (_, k) => {
        const j = i + k;
        return commitMethod(handle.db, { runId, nodeKey: `node-${Math.floor(j / 100)}`, method: `NodeBench${Math.floor(j / 100)}Compute.operation_${j % 100}` }, 0, 'bench', { ok: true, result });
      }),
    );
  }
  const commitMs = performance.now() - t;
  await handle.db.execute(sql`analyze`);
  const resultsBytes = (await size(`c.relname = 'queue_method_results'`)) * (JOBS / sample);
  // bare queue overhead: fetch + complete with no work, four loops
  const drainJobs = Math.min(JOBS, 10_000);
  let done = 0;
  t = performance.now();
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (done < drainJobs) {
        const jobs = await queue.boss.fetch(METHOD_QUEUE, { batchSize: 1 });
        if (!jobs?.length) break;
        await queue.boss.complete(METHOD_QUEUE, jobs[0].id);
        done++;
      }
    }),
  );
  const drainMs = performance.now() - t;
  console.log(`queue cost (${JOBS.toLocaleString()} method jobs in ${nodes.length} nodes; results sampled on ${sample.toLocaleString()})`);
  console.log(`  enqueue: ${(JOBS / (enqueueMs / 1000)).toFixed(0)} jobs/s (${(enqueueMs / 1000).toFixed(1)} s)`);
  console.log(`  commit of a method result (1 transaction, 200 at once): ${(sample / (commitMs / 1000)).toFixed(0)} results/s`);
  console.log(`  bare fetch + complete, 4 loops, no work: ${(done / (drainMs / 1000)).toFixed(0)} jobs/s (${((drainMs / done) * 4).toFixed(2)} ms per job per loop)`);
  const perMillion = (bytes) => mb((bytes / JOBS) * 1e6);
  console.log(`  on disk per million methods: pg-boss jobs ${perMillion(bossJobs)} MB, queue_method_results ${perMillion(resultsBytes)} MB, queue_nodes ${perMillion(nodesBytes)} MB (tables + indexes + TOAST)`);
  await queue.close();
  await handle.close();
}

function startSim(latencyMs) {
  const dir = mkdtempSync(join(tmpdir(), 'queue-bench-sim-'));
  const scenario = join(dir, 'scenario.json');
  writeFileSync(scenario, JSON.stringify({ latencyMs, text: '```python\nreturn {"ok": True}\n```' }));
  const child = spawn(process.execPath, [fileURLToPath(new URL('../llm-sim/bin/llm-sim.js', import.meta.url)), '--port', '0', '--scenario', scenario], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (\S+)/.exec(out);
      if (m) resolve({ url: m[1], close: () => (child.kill('SIGTERM'), rmSync(dir, { recursive: true, force: true })) });
    });
    child.on('exit', (code) => reject(new Error(`llm-sim exited with ${code}`)));
  });
}

function cli(args, env, cwd) {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { PATH: process.env.PATH, HOME: cwd, CI: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return { child, done, err: () => stderr };
}

async function workers(count, sim, tag) {
  const url = await freshDatabase(`queue_bench_w${count}`);
  const dir = mkdtempSync(join(tmpdir(), 'queue-bench-'));
  const files = Array.from({ length: SPECS }, (_, s) => {
    const ops = Array.from({ length: OPS }, (_, i) => `  - { name: step_${tag}_${i}, description: Step ${i} of node ${s}. }`).join('\n');
    const file = join(dir, `s${s}.yaml`);
    writeFileSync(file, `name: bench_${tag}_${s}\nnode_type: COMPUTE_GENERIC\ndescription: Benchmark node ${s}.\noperations:\n${ops}\n`);
    return file;
  });
  const env = { DATABASE_URL: url, ONEXGEN_API_KEY: 'sk-bench' };
  // migrate once before the workers start, so start-up is not part of the figure
  await cli(['db', 'migrate'], env, dir).done;
  const procs = Array.from({ length: count }, () => cli(['worker', '--concurrency', String(CONCURRENCY), '--poll-ms', '100'], env, dir));
  while (!procs.every((p) => /taking jobs/.test(p.err()))) await new Promise((r) => setTimeout(r, 100));
  const t = performance.now();
  const run = await cli(['generate', ...files, '--out', 'out', '--queue', '--wait', '--json', '--provider', 'openai-compatible', '--base-url', `${sim.url}/v1`, '--model', 'glm-4.5'], env, dir).done;
  const seconds = (performance.now() - t) / 1000;
  for (const p of procs) p.child.kill('SIGTERM');
  await Promise.all(procs.map((p) => p.done));
  const methods = SPECS * (OPS + 1);
  const parsed = JSON.parse(run.stdout);
  rmSync(dir, { recursive: true, force: true });
  return { methods, seconds, rate: methods / seconds, exit: run.code, llm: parsed.totals.verdicts };
}

try {
  await queueCost();
  if (!values['skip-workers']) {
    const sim = await startSim(LATENCY);
    try {
      const one = await workers(1, sim, 'a');
      const two = await workers(2, sim, 'b');
      const ideal = (n) => (n * CONCURRENCY * 1000) / LATENCY;
      console.log(`workers (${one.methods} methods, ${SPECS} specs, ${LATENCY} ms simulated latency, concurrency ${CONCURRENCY} per worker, one PostgreSQL; enqueue to last node written)`);
      console.log(`  1 worker:  ${one.rate.toFixed(1)} methods/s (${one.seconds.toFixed(1)} s; ideal ${ideal(1).toFixed(0)}/s, ratio ${(one.rate / ideal(1)).toFixed(2)}; exit ${one.exit})`);
      console.log(`  2 workers: ${two.rate.toFixed(1)} methods/s (${two.seconds.toFixed(1)} s; ideal ${ideal(2).toFixed(0)}/s, ratio ${(two.rate / ideal(2)).toFixed(2)}; exit ${two.exit})`);
      console.log(`  2 workers / 1 worker: ${(two.rate / one.rate).toFixed(2)}×`);
    } finally {
      sim.close();
    }
  }
} finally {
  server?.stop();
}
