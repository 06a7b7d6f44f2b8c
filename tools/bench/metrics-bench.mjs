#!/usr/bin/env node
// @onexgen/metrics benchmark: inserts per second (one record per call vs batched calls) and
// aggregate query time over 100,000 generation rows, on PGlite (in memory) and on a real
// PostgreSQL server this script starts itself. Prints medians; the peers in the same run are
// the other insert mode, the other backend, and a bare count/sum scan of the same rows.
//   node tools/bench/metrics-bench.mjs [--rounds 3] [--single 200] [--batch 2000] [--rows 100000]
// Needs the built package: cd packages/metrics && npx tsup
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { randomUUID } from 'node:crypto';
import { createMetricsStore, generationInput, generationMetrics, migrate, openDatabase } from '@onexgen/metrics';
import { syntheticDataset } from './metrics-dataset.mjs';

const require = createRequire(import.meta.url);
const { startServer } = require('../test-harness/pg-server.cjs');

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    single: { type: 'string', default: '200' },
    batch: { type: 'string', default: '2000' },
    rows: { type: 'string', default: '100000' },
  },
});
const ROUNDS = Number(values.rounds);
const SINGLE = Number(values.single);
const BATCH = Number(values.batch);
const ROWS = Number(values.rows);
for (const [name, v] of Object.entries({ rounds: ROUNDS, single: SINGLE, batch: BATCH, rows: ROWS })) {
  if (!Number.isInteger(v) || v < 1) {
    console.error(`--${name} must be a positive integer`);
    process.exit(2);
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const time = async (fn) => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};

/** 100k generations written by the server itself (generate_series), seeded for repeatability. */
const BULK_SQL = (n) => `
  insert into llm_generation_metrics (correlation_id, node_type, service_name, method_name, tier, provider, model,
    tokens_input, tokens_output, tokens_total, latency_ms, cost_micro_usd, syntax_valid, onex_compliant,
    has_type_hints, validation_passed, quality_score, strategy, attempts, created_at)
  select gen_random_uuid(), (array['effect','compute','reducer','orchestrator'])[1 + (g % 4)],
    'svc_' || (g % 25), 'bulk_' || g, (array['cloud_fast','cloud_premium','local'])[1 + (g % 3)],
    (array['openai','anthropic','ollama'])[1 + (g % 3)], (array['gpt-4o-mini','claude-sonnet-4','codellama:7b'])[1 + (g % 3)],
    1500 + (random() * 4500)::int, 150 + (random() * 750)::int, 2400, 200 + random() * random() * 9000,
    (random() * 20000)::bigint, random() < 0.93, random() < 0.8, true, random() < 0.7, random(),
    (array['llm','llm','llm','llm','llm','cache','retry','template_fallback','partial','pattern'])[1 + (g % 10)],
    1, timestamptz '2026-11-23' - random() * interval '30 days'
  from generate_series(1, ${n}) g`;

async function benchBackend(label, url) {
  const handle = await openDatabase(url, { poolSize: 4 });
  await migrate(handle);
  const store = await createMetricsStore(handle);
  const data = syntheticDataset({ count: SINGLE * ROUNDS + 2 * BATCH * ROUNDS, withDetails: false, seed: 7 }).generations;
  let next = 0;
  const take = (n) => data.slice(next, (next += n));

  const single = [];
  const batched = [];
  const drizzleValues = [];
  for (let r = 0; r < ROUNDS; r += 1) {
    const rows = take(SINGLE);
    const ms = await time(async () => {
      for (const row of rows) await store.record('generation', row);
    });
    single.push((SINGLE / ms) * 1000);
    const batch = take(BATCH);
    batched.push((BATCH / (await time(() => store.record('generation', batch)))) * 1000);
    // Peer: the same rows through drizzle's multi-row VALUES, validated the same way, 500 per statement.
    const peerRows = take(BATCH);
    drizzleValues.push(
      (BATCH /
        (await time(async () => {
          const rows = peerRows.map((r) => {
            const v = generationInput.parse(r);
            return { ...v, id: randomUUID(), tokensTotal: v.tokensInput + v.tokensOutput };
          });
          for (let i = 0; i < rows.length; i += 500) {
            await handle.db.insert(generationMetrics).values(rows.slice(i, i + 500)).onConflictDoNothing();
          }
        }))) *
        1000,
    );
  }

  await handle.db.execute(sql.raw('truncate llm_generation_metrics'));
  const loadMs = await time(async () => {
    await handle.db.execute(sql.raw('select setseed(0.42)'));
    await handle.db.execute(sql.raw(BULK_SQL(ROWS)));
    await handle.db.execute(sql.raw('analyze llm_generation_metrics'));
  });
  const window = { since: new Date('2026-10-24T00:00:00Z'), until: new Date('2026-11-23T00:00:00Z') };
  const agg = [];
  const grouped = [];
  const series = [];
  const peer = [];
  let checked = 0;
  for (let r = 0; r < ROUNDS; r += 1) {
    agg.push(await time(async () => (checked = (await store.aggregate(window)).generations.count)));
    grouped.push(await time(() => store.aggregate({ ...window, groupBy: ['nodeType', 'model'] })));
    series.push(await time(() => store.timeSeries({ ...window, bucket: 'day', splitBy: 'model' })));
    peer.push(await time(() => handle.db.execute(sql.raw('select count(*), sum(cost_micro_usd) from llm_generation_metrics'))));
  }
  await store.close();
  await handle.close();
  if (checked !== ROWS) throw new Error(`${label}: aggregate saw ${checked} rows, expected ${ROWS}`);
  return {
    label,
    single: median(single),
    batched: median(batched),
    drizzleValues: median(drizzleValues),
    loadMs,
    agg: median(agg),
    grouped: median(grouped),
    series: median(series),
    peer: median(peer),
  };
}

const server = await startServer();
try {
  const admin = postgres(server.url, { max: 1, onnotice: () => {} });
  await admin.unsafe('create database metrics_bench');
  await admin.end();
  const pgUrl = server.url.replace(/\/postgres$/, '/metrics_bench');
  const results = [await benchBackend('PGlite (memory)', 'memory://'), await benchBackend('PostgreSQL (postgres.js)', pgUrl)];
  const f = (n, d = 0) => n.toFixed(d).padStart(10);
  console.log(`\n@onexgen/metrics — medians of ${ROUNDS} rounds; single = ${SINGLE} awaited record('generation', row) calls, batched = record('generation', rows × ${BATCH})`);
  console.log('(peer: the same batch through drizzle insert().values(), 500 rows a statement)');
  console.log(`${'backend'.padEnd(26)}${'single/s'.padStart(10)}${'batched/s'.padStart(10)}${'batch x'.padStart(10)}${'peer/s'.padStart(10)}${'vs peer'.padStart(10)}`);
  for (const r of results) {
    console.log(`${r.label.padEnd(26)}${f(r.single)}${f(r.batched)}${f(r.batched / r.single, 1)}${f(r.drizzleValues)}${f(r.batched / r.drizzleValues, 1)}`);
  }
  console.log(`\naggregate over ${ROWS.toLocaleString('en-US')} generation rows (ms; peer = bare count/sum scan of the same table)`);
  console.log(`${'backend'.padEnd(26)}${'aggregate'.padStart(10)}${'grouped'.padStart(10)}${'series'.padStart(10)}${'peer'.padStart(10)}${'agg/peer'.padStart(10)}${'load'.padStart(10)}`);
  for (const r of results) {
    console.log(`${r.label.padEnd(26)}${f(r.agg, 1)}${f(r.grouped, 1)}${f(r.series, 1)}${f(r.peer, 1)}${f(r.agg / r.peer, 1)}${f(r.loadMs)}`);
  }
  const [lite, pg] = results;
  console.log(`\nPostgreSQL vs PGlite: single ${(pg.single / lite.single).toFixed(2)}x, batched ${(pg.batched / lite.batched).toFixed(2)}x, aggregate ${(lite.agg / pg.agg).toFixed(2)}x faster`);
} finally {
  server.stop();
}
