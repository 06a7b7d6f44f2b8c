#!/usr/bin/env node
// The work queue on one PostgreSQL, printed (never asserted). Build first (`npm run build`).
//
//   node tools/bench/queue-bench.mjs [--db postgres://…] [--jobs 20000] [--specs 40] [--ops 9]
//       [--latency 200] [--concurrency 25] [--workers 1,2,3] [--warm-up 100] [--pin] [--skip-cost] [--skip-workers]
//
// 1. Queue cost: --jobs method jobs enqueued (nodes of 100 methods), then committed method results
//    with a typical body and outcome (~1.5 KB); the on-disk size of pg-boss's job tables and of the
//    queue_* tables, extrapolated per million jobs; enqueue rate; bare fetch+complete rate (four
//    loops, no work) — what the queue itself costs a method.
// 2. Workers: specs × (ops + 1) methods, llm-sim in its own process at --latency. Peer in the same
//    run: the same specs through the pipeline in this process, no queue (same server, concurrency).
//    Then 1, 2, 3 `onexgen worker` processes (the built CLI) at --concurrency each, the run enqueued
//    by `generate --queue`, timed by the run's own row (enqueued → last node committed, server
//    clock), so CLI start-up is outside the figure. Per method: pg-boss's job span (fetched →
//    completed) split into the pipeline's own latency and the queue's overhead around it.
//    Per worker run, what the machine had: its busy cores (/proc/stat) and the CPU per method of the
//    workers, the simulator, the `generate --queue` process and the rest (PostgreSQL — about half of
//    it by a /proc sampler on 7 Dec — the sandboxes' Python, the kernel, this process).
//    --warm-up N (default 100; 0 = none): a worker is a long-running process, so before the timed
//    run the same workers take a run of N methods of other specs (V8 compiles the hot code, the
//    validation thread starts, the parser loads); the in-process peer gets the same warm-up.
//    --pin: each worker process is held to one core of its own (taskset; worker i on core i mod
//    cores), as one machine per worker would be; PostgreSQL and the simulator are not pinned.
//    --worker-node-args="…": node flags for the worker processes, e.g. "--cpu-prof
//    --cpu-prof-dir=/tmp/w" (a V8 profile per thread each) or "--import ./tools/bench/thread-cpu.mjs".
// Without --db a throwaway server is started (tools/test-harness/pg-server.cjs).
// first: V8's tier-up budget for the in-process peer as the CLI sets it for its processes
import './as-cli-jit.mjs';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
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
    jobs: { type: 'string', default: '20000' },
    specs: { type: 'string', default: '40' },
    ops: { type: 'string', default: '9' },
    latency: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '25' },
    workers: { type: 'string', default: '1,2,3' },
    'warm-up': { type: 'string', default: '100' },
    pin: { type: 'boolean', default: false },
    'worker-node-args': { type: 'string', default: '' },
    'skip-cost': { type: 'boolean', default: false },
    'skip-workers': { type: 'boolean', default: false },
  },
});
const JOBS = Number(values.jobs);
const SPECS = Number(values.specs);
const OPS = Number(values.ops);
const LATENCY = Number(values.latency);
const CONCURRENCY = Number(values.concurrency);
const WARM_UP = Number(values['warm-up']);
if (!Number.isInteger(WARM_UP) || WARM_UP < 0) {
  console.error('queue-bench: --warm-up must be a whole number of methods (0 for none)');
  process.exit(2);
}
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
      if (m) resolve({ url: m[1], pid: child.pid, close: () => (child.kill('SIGTERM'), rmSync(dir, { recursive: true, force: true })) });
    });
    child.on('exit', (code) => reject(new Error(`llm-sim exited with ${code}`)));
  });
}

// ONEXGEN_V8_JIT=default passed on: every onexgen process of the run keeps V8's tier-up budget
const jitEnv = process.env.ONEXGEN_V8_JIT ? { ONEXGEN_V8_JIT: process.env.ONEXGEN_V8_JIT } : {};

function cli(args, env, cwd, { core, nodeArgs = [] } = {}) {
  const node = [process.execPath, ...nodeArgs, BIN, ...args];
  // --pin: `taskset -c CORE node …` holds the process (and every thread it starts) to one core
  const [cmd, ...argv] = core === undefined ? node : ['taskset', '-c', String(core), ...node];
  const child = spawn(cmd, argv, { cwd, env: { PATH: process.env.PATH, HOME: cwd, CI: '1', ...jitEnv, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return { child, done, err: () => stderr };
}

/** The fields of /proc/<pid>/stat after the command name (Linux; CPU times in clock ticks of 10 ms). */
function statFields(pid) {
  return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
}

/** user + system CPU seconds of a live process */
function cpuSecondsOf(pid) {
  const fields = statFields(pid);
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** CPU seconds of this process's children that have exited and been reaped (cutime + cstime). */
function reapedChildrenCpuSeconds() {
  const fields = statFields('self');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

/**
 * Busy and total CPU seconds of the whole machine so far (Linux /proc/stat, first line: user nice
 * system idle iowait irq softirq steal …, in clock ticks of 10 ms): how many cores a run kept busy,
 * whoever used them (workers, PostgreSQL, the simulator, this process).
 */
function machineCpu() {
  const ticks = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
  const idle = ticks[3] + ticks[4];
  const total = ticks.reduce((a, b) => a + b, 0);
  return { busy: (total - idle) / 100, total: total / 100 };
}

const pct = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};
const ms = (n) => n.toFixed(1);

/** The same specs every run gets (names differ per run only through the database they go to). */
function writeSpecs(dir, count = SPECS, prefix = 's') {
  // template learning off: every method goes to the model in every run
  writeFileSync(join(dir, 'onexgen.config.yaml'), 'learnThreshold: 1\n');
  return Array.from({ length: count }, (_, s) => {
    const ops = Array.from({ length: OPS }, (_, i) => `  - { name: step_${i}, description: Step ${i} of node ${s}. }`).join('\n');
    const file = join(dir, `${prefix}${s}.yaml`);
    writeFileSync(file, `name: bench_${prefix}${s}\nnode_type: COMPUTE_GENERIC\ndescription: Benchmark node ${s}.\noperations:\n${ops}\n`);
    return file;
  });
}

/** The warm-up's specs: about WARM_UP methods, names of their own (none of the timed run's). */
const warmUpSpecs = (dir) => (WARM_UP > 0 ? writeSpecs(dir, Math.ceil(WARM_UP / (OPS + 1)), 'w') : []);

const llmFlags = (sim) => ({ provider: 'openai-compatible', baseUrl: `${sim.url}/v1`, model: 'glm-4.5' });

/** Peer: the same specs through the pipeline in this process (no queue), on a database of the same server. */
async function inProcess(sim, dir, files, warm) {
  const url = await freshDatabase('queue_bench_local');
  const { loadConfig, openSession, runNodes, loadSpecFile } = await import('../../apps/orchestrator/dist/index.js');
  const env = { HOME: dir, ONEXGEN_API_KEY: 'sk-bench' };
  const loaded = loadConfig({ cwd: dir, env, flags: { ...llmFlags(sim), db: url, concurrency: CONCURRENCY } });
  const session = await openSession({ loaded, env, cwd: dir });
  const jobsOf = (list, out) => Promise.all(list.map(async (file) => ({ kind: 'spec', file, spec: await loadSpecFile(file), outDir: join(dir, out) })));
  if (warm.length) await runNodes(session, await jobsOf(warm, 'out-local-warm'));
  const jobs = await jobsOf(files, 'out-local');
  const cpu0 = process.cpuUsage();
  const t = performance.now();
  const nodes = await runNodes(session, jobs);
  const seconds = (performance.now() - t) / 1000;
  const cpu = process.cpuUsage(cpu0);
  await session.close();
  const methods = nodes.flatMap((n) => n.methods);
  const failed = nodes.filter((n) => n.status !== 'written');
  if (failed.length) throw new Error(`in-process run: ${failed.length} node(s) not written: ${failed[0].error?.message}`);
  return { methods: methods.length, seconds, rate: methods.length / seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, latency: methods.map((m) => m.latency), model: methods.map((m) => m.modelLatency) };
}

/** `count` worker processes at --concurrency each; `generate --queue` enqueues; timed by the run's own row. */
async function workers(count, sim, dir, files, warm) {
  const url = await freshDatabase(`queue_bench_w${count}`);
  const env = { DATABASE_URL: url, ONEXGEN_API_KEY: 'sk-bench' };
  // migrate once before the workers start, so start-up is not part of the figure
  const migrated = await cli(['db', 'migrate'], env, dir).done;
  if (migrated.code !== 0) throw new Error(`db migrate: ${migrated.stderr}`);
  const nodeArgs = values['worker-node-args'].split(' ').filter(Boolean);
  const procs = Array.from({ length: count }, (_, i) =>
    cli(['worker', '--concurrency', String(CONCURRENCY), '--poll-ms', '100'], env, dir, { ...(values.pin ? { core: i % cpus().length } : {}), nodeArgs }),
  );
  while (!procs.every((p) => /taking jobs/.test(p.err()))) {
    const dead = procs.find((p) => p.child.exitCode !== null);
    if (dead) throw new Error(`worker exited: ${dead.err()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const db = postgres(url, { max: 1, onnotice: () => {} });
  /** `generate --queue` of these specs, then the run's row until it is no longer queued */
  const runThrough = async (list, out) => {
    const queued = await cli(['generate', ...list, '--out', out, '--queue', '--json', ...Object.entries(llmFlags(sim)).flatMap(([k, v]) => [`--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, v])], env, dir).done;
    if (queued.code !== 0) throw new Error(`generate --queue: ${queued.stderr}`);
    const { runId } = JSON.parse(queued.stdout);
    for (;;) {
      const [run] = await db`select state, extract(epoch from finished_at - created_at)::float8 as seconds from queue_runs where run_id = ${runId}`;
      if (run.state !== 'queued') return { runId, run };
      if (procs.some((p) => p.child.exitCode !== null)) throw new Error(`a worker exited during the run: ${procs.map((p) => p.err()).join('\n')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  try {
    if (warm.length) await runThrough(warm, `out-${count}-warm`);
    const cpu0 = procs.map((p) => cpuSecondsOf(p.child.pid));
    const sim0 = cpuSecondsOf(sim.pid);
    const machine0 = machineCpu();
    const reaped0 = reapedChildrenCpuSeconds();
    const { runId, run } = await runThrough(files, `out-${count}`);
    const machine1 = machineCpu();
    // the `generate --queue` process that enqueued the run (the workers are still running: not reaped)
    const enqueueSeconds = reapedChildrenCpuSeconds() - reaped0;
    const cpuSeconds = procs.reduce((s, p, i) => s + cpuSecondsOf(p.child.pid) - cpu0[i], 0);
    const simSeconds = cpuSecondsOf(sim.pid) - sim0;
    // per method job: pg-boss's span (fetched → completed) and the pipeline's own time inside it
    const rows = await db`
      select extract(epoch from j.completed_on - j.started_on)::float8 * 1000 as span,
             (r.result->'outcome'->>'latency')::float8 as latency,
             (r.result->'outcome'->>'modelLatency')::float8 as model, r.ok
        from pgboss.job j
        join queue_method_results r on r.run_id = ${runId}::uuid and r.node_key = j.data->>'nodeKey' and r.method = j.data->>'method'
       where j.name = ${METHOD_QUEUE} and j.data->>'runId' = ${runId} and j.state = 'completed'`;
    const [{ failed }] = await db`select count(*) filter (where result->>'status' <> 'written')::int as failed from queue_nodes where run_id = ${runId}`;
    const methods = SPECS * (OPS + 1);
    return {
      methods,
      seconds: run.seconds,
      rate: methods / run.seconds,
      cpuSeconds,
      simSeconds,
      enqueueSeconds,
      // cores kept busy from enqueue to the last commit (polling included: the window is a little wider than the run)
      machineBusy: machine1.busy - machine0.busy,
      machineWall: (machine1.total - machine0.total) / cpus().length,
      failedNodes: failed,
      span: rows.map((r) => r.span),
      latency: rows.map((r) => r.latency),
      overhead: rows.map((r) => r.span - r.latency),
    };
  } finally {
    await db.end();
    for (const p of procs) p.child.kill('SIGTERM');
    await Promise.all(procs.map((p) => p.done));
  }
}

try {
  if (!values['skip-cost']) await queueCost();
  if (!values['skip-workers']) {
    const sim = await startSim(LATENCY);
    const dir = mkdtempSync(join(tmpdir(), 'queue-bench-'));
    try {
      const files = writeSpecs(dir);
      const warm = warmUpSpecs(dir);
      const local = await inProcess(sim, dir, files, warm);
      const counts = String(values.workers).split(',').map(Number);
      const runs = [];
      for (const n of counts) runs.push([n, await workers(n, sim, dir, files, warm)]);
      const ideal = (n) => (n * CONCURRENCY * 1000) / LATENCY;
      console.log(`\nworkers: ${local.methods} methods (${SPECS} specs × ${OPS + 1}), llm-sim at ${LATENCY} ms, concurrency ${CONCURRENCY} per process, one PostgreSQL server, ${cpus().length} cores${values.pin ? ', each worker held to one core (taskset)' : ''}`);
      console.log(`  (before the timed run: ${WARM_UP > 0 ? `a warm-up run of ${Math.ceil(WARM_UP / (OPS + 1)) * (OPS + 1)} methods through the same workers / session` : 'no warm-up: each worker process starts cold'})`);
      console.log(`  (worker runs timed by the run's row: enqueued → last node committed; the in-process run: runNodes start → end)`);
      console.log(`  in process (no queue): ${local.rate.toFixed(1)} methods/s (${local.seconds.toFixed(1)} s; ideal ${ideal(1).toFixed(0)}/s, ratio ${(local.rate / ideal(1)).toFixed(2)}; CPU ${((local.cpuSeconds * 1000) / local.methods).toFixed(1)} ms/method)`);
      const one = runs.find(([n]) => n === 1)?.[1];
      for (const [n, r] of runs) {
        const vsOne = one && n !== 1 ? `; ${(r.rate / one.rate).toFixed(2)}× 1 worker` : '';
        console.log(`  ${n} worker${n > 1 ? 's' : ' '}: ${r.rate.toFixed(1)} methods/s (${r.seconds.toFixed(1)} s; ideal ${ideal(n).toFixed(0)}/s, ratio ${(r.rate / ideal(n)).toFixed(2)}; ${(r.rate / local.rate).toFixed(2)}× in-process${vsOne}; CPU ${((r.cpuSeconds * 1000) / r.methods).toFixed(1)} ms/method; failed nodes ${r.failedNodes})`);
      }
      // what the machine had left: every process's CPU per method, and how many of the cores were busy
      console.log(`  the machine during each worker run (${cpus().length} cores; /proc/stat, 10 ms ticks):`);
      for (const [n, r] of runs) {
        const perMethod = (sec) => ((sec * 1000) / r.methods).toFixed(1);
        const other = r.machineBusy - r.cpuSeconds - r.simSeconds - r.enqueueSeconds;
        console.log(
          `    ${n} worker${n > 1 ? 's' : ' '}: ${(r.machineBusy / r.machineWall).toFixed(2)} of ${cpus().length} cores busy; CPU per method: workers ${perMethod(r.cpuSeconds)} + simulator ${perMethod(r.simSeconds)} + the enqueuing \`generate --queue\` ${perMethod(r.enqueueSeconds)} + PostgreSQL and the rest ${perMethod(other)} = ${perMethod(r.machineBusy)} ms, so at most ${(cpus().length / (r.machineBusy / r.methods)).toFixed(0)} methods/s on these cores at that cost`,
        );
      }
      console.log(`  per method (ms, median / p95):`);
      console.log(`    in process: pipeline latency ${ms(pct(local.latency, 50))} / ${ms(pct(local.latency, 95))} (model wait ${ms(pct(local.model, 50))})`);
      for (const [n, r] of runs) {
        console.log(`    ${n} worker${n > 1 ? 's' : ' '}: job span ${ms(pct(r.span, 50))} / ${ms(pct(r.span, 95))} = pipeline ${ms(pct(r.latency, 50))} / ${ms(pct(r.latency, 95))} + queue overhead ${ms(pct(r.overhead, 50))} / ${ms(pct(r.overhead, 95))}; span / in-process latency (medians) ${(pct(r.span, 50) / pct(local.latency, 50)).toFixed(2)}`);
      }
    } finally {
      sim.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
} finally {
  server?.stop();
}
