#!/usr/bin/env node
// findSimilar() over 10,000 learned templates: the bucketed TemplateIndex that the template store
// uses, next to a linear scan scoring every template (the peer), on the same seeded signatures and
// queries; both must return the same hits. Then the real store on PGlite: the cold first call
// (reads all rows into the index) and warm calls.
// Needs the packages built: (cd packages/response-validator && npx tsup) && (cd packages/pattern-library && npx tsup)
//
//   node tools/bench/pattern-templates.mjs [--templates 10000] [--queries 2000] [--seed 7] [--no-db]
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import prand from 'pure-rand';
import { createTemplateStore, linearFindSimilar, normalizeSignature, patternTemplates, TemplateIndex } from '@onexgen/pattern-library';

const { values } = parseArgs({
  options: {
    templates: { type: 'string', default: '10000' },
    queries: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '7' },
    'no-db': { type: 'boolean', default: false },
  },
});
const N = Number(values.templates);
const Q = Number(values.queries);
if (!Number.isInteger(N) || N < 1 || !Number.isInteger(Q) || Q < 10) {
  console.error('pattern-templates: --templates must be a positive integer and --queries >= 10');
  process.exit(2);
}

const rng = prand.xoroshiro128plus(Number(values.seed));
const pick = (xs) => xs[prand.unsafeUniformIntDistribution(0, xs.length - 1, rng)];
const NODE_TYPES = ['effect', 'compute', 'reducer', 'orchestrator'];
const VERBS = ['create', 'get', 'update', 'delete', 'list', 'sync', 'send', 'publish', 'consume', 'aggregate', 'transform', 'validate', 'compute', 'merge', 'route', 'schedule', 'import', 'export', 'reconcile', 'archive'];
const ENTITIES = ['user', 'order', 'invoice', 'payment', 'shipment', 'account', 'product', 'cart', 'ticket', 'report', 'session', 'device'];
const FEATURES = ['connection pooling', 'transactions', 'retry', 'circuit breaker', 'timeout', 'caching', 'validation', 'batch', 'metrics', 'logging', 'event publishing', 'kafka', 'health check', 'rate limiting', 'http client', 'database', 'streaming', 'aggregation', 'security', 'time tracking'];
const PATTERNS = ['CRUD', 'Transformation', 'Aggregation', 'Orchestration', 'EventProcessing', null];

function randomSignature() {
  const entity = pick(ENTITIES);
  const features = new Set();
  const k = prand.unsafeUniformIntDistribution(1, 4, rng);
  while (features.size < k) features.add(pick(FEATURES));
  return { nodeType: pick(NODE_TYPES), methodName: `${pick(VERBS)}_${entity}`, params: [entity, 'correlation_id'], features: [...features], pattern: pick(PATTERNS) };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function timeEach(queries, fn) {
  const times = [];
  let hits = 0;
  for (const q of queries) {
    const t0 = performance.now();
    hits += fn(q).length;
    times.push((performance.now() - t0) * 1000);
  }
  return { median: median(times), hits };
}

const signatures = Array.from({ length: N }, randomSignature);
const templates = signatures.map((s, i) => ({ id: i + 1, ...normalizeSignature(s) }));
const queries = Array.from({ length: Q }, () => normalizeSignature(randomSignature()));
const index = new TemplateIndex();
const t0 = performance.now();
for (const t of templates) index.upsert(t);
const buildMs = performance.now() - t0;

// results must agree before any timing counts
for (const q of queries.slice(0, 200)) {
  const a = JSON.stringify(index.findSimilar(q, 0.8, 5).map((h) => [h.template.id, h.similarity]));
  const b = JSON.stringify(linearFindSimilar(templates, q, 0.8, 5).map((h) => [h.template.id, h.similarity]));
  if (a !== b) throw new Error(`index and linear scan disagree for ${q.key}`);
}
// warm-up, then measure alternately so both see the same machine load
timeEach(queries.slice(0, 200), (q) => index.findSimilar(q, 0.8, 5));
timeEach(queries.slice(0, 200), (q) => linearFindSimilar(templates, q, 0.8, 5));
const ours = timeEach(queries, (q) => index.findSimilar(q, 0.8, 5));
const peer = timeEach(queries, (q) => linearFindSimilar(templates, q, 0.8, 5));
const oursLoose = timeEach(queries, (q) => index.findSimilar(q, 0.5, 5));
const peerLoose = timeEach(queries, (q) => linearFindSimilar(templates, q, 0.5, 5));

console.log(`pattern-templates bench: ${N} templates (seed ${values.seed}), ${Q} queries, limit 5; index built in ${buildMs.toFixed(1)} ms`);
console.log('| findSimilar | median µs/query | hits | ours / peer |');
console.log('|---|---|---|---|');
console.log(`| TemplateIndex, minSimilarity 0.8 | ${ours.median.toFixed(1)} | ${ours.hits} | ${(ours.median / peer.median).toFixed(3)} |`);
console.log(`| linear scan (peer), minSimilarity 0.8 | ${peer.median.toFixed(1)} | ${peer.hits} | 1 |`);
console.log(`| TemplateIndex, minSimilarity 0.5 (at or below 0.75: full scan in id order) | ${oursLoose.median.toFixed(1)} | ${oursLoose.hits} | ${(oursLoose.median / peerLoose.median).toFixed(3)} |`);
console.log(`| linear scan (peer), minSimilarity 0.5 | ${peerLoose.median.toFixed(1)} | ${peerLoose.hits} | 1 |`);

if (!values['no-db']) {
  const client = new PGlite();
  const db = drizzle(client);
  await migrate(db, { migrationsFolder: fileURLToPath(new URL('../../migrations/', import.meta.url)) });
  const rows = templates.map((t, i) => ({
    signatureKey: `${t.key}#${i}`,
    nodeType: t.nodeType, verb: t.verb, methodName: t.methodName, entity: t.entity, features: t.features,
    pattern: t.pattern, params: t.params, body: `row = await self.pool.fetchrow("SELECT * FROM <%entities%> WHERE id = $1", <%entity%>_id)\nreturn dict(row)\n`,
    parameters: ['entities', 'entity'], score: 0.9, costMicros: 500_000,
  }));
  for (let i = 0; i < rows.length; i += 1000) await db.insert(patternTemplates).values(rows.slice(i, i + 1000));
  const store = createTemplateStore(db);
  const c0 = performance.now();
  await store.findSimilar(signatures[0]);
  const coldMs = performance.now() - c0;
  const warm = [];
  for (const s of signatures.slice(0, 500)) {
    const w0 = performance.now();
    await store.findSimilar(s);
    warm.push((performance.now() - w0) * 1000);
  }
  console.log(`store on PGlite (${N} rows): first findSimilar ${coldMs.toFixed(0)} ms (loads the index), then median ${median(warm).toFixed(1)} µs/query`);
  await client.close();
}
