#!/usr/bin/env node
// How often learned templates are reused on a load run, under the reuse rule (findReusable: same
// node type, verb and parameters, similarity >= REUSE_MIN_SIMILARITY, entity substituted only where
// the body was parameterised on it), next to the similarity-only rule it replaced (findSimilar's
// best hit at 0.8) on the same run. Printed, never asserted.
//
// A load run: --specs specs (default 44) of 5 methods each (220), spread over the four node types,
// with entities, verbs, parameters and features drawn from realistic pools (seeded). Methods run in
// order; a method no template serves is "written by the model" and learned (origin examples, as if
// its examples passed), so later methods can reuse it. A reuse counts as "wrong shape" when the
// template's verb or parameters differ from the method's (a body written for other arguments).
//
// Needs the packages built (`npm run build`), then:  node tools/bench/template-reuse.mjs [--specs 44] [--seed 7]
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import prand from 'pure-rand';
import { createTemplateStore, normalizeSignature, REUSE_MIN_SIMILARITY } from '@onexgen/pattern-library';

const { values } = parseArgs({ options: { specs: { type: 'string', default: '44' }, seed: { type: 'string', default: '7' } } });
const SPECS = Number(values.specs);
const rng = prand.xoroshiro128plus(Number(values.seed));
const int = (lo, hi) => prand.unsafeUniformIntDistribution(lo, hi, rng);
const pick = (xs) => xs[int(0, xs.length - 1)];

// what a team's specs look like: per node type, the verbs its methods use and their parameters
const SHAPES = {
  effect: { verbs: ['create', 'get', 'update', 'delete', 'list', 'send', 'publish', 'sync'], pattern: 'CRUD' },
  compute: { verbs: ['calculate', 'validate', 'transform', 'parse', 'format'], pattern: 'Transformation' },
  reducer: { verbs: ['aggregate', 'merge', 'count', 'apply'], pattern: 'Aggregation' },
  orchestrator: { verbs: ['run', 'route', 'schedule', 'compensate'], pattern: 'Orchestration' },
};
const PARAMS = {
  create: (e) => [`${e}_data`], get: (e) => [`${e}_id`], update: (e) => [`${e}_id`, 'changes'], delete: (e) => [`${e}_id`],
  list: () => ['limit', 'offset'], send: (e) => [e, 'recipient'], publish: (e) => [`${e}_event`], sync: () => ['since'],
  calculate: (e) => [`${e}_lines`, 'tax_rate'], validate: (e) => [e], transform: (e) => [e], parse: () => ['text'], format: (e) => [e, 'locale'],
  aggregate: () => ['events'], merge: () => ['left', 'right'], count: () => ['events'], apply: () => ['state', 'event'],
  run: () => ['input_data'], route: () => ['message'], schedule: () => ['job', 'at'], compensate: () => ['completed_steps'],
};
const ENTITIES = ['user', 'order', 'invoice', 'payment', 'shipment', 'account', 'product', 'cart', 'ticket', 'report', 'session', 'device', 'member', 'booking'];
const FEATURES = {
  effect: ['connection pooling', 'transactions', 'retry', 'circuit breaker', 'timeout', 'http client', 'database', 'kafka', 'metrics'],
  compute: ['validation', 'caching', 'decimal arithmetic', 'date handling', 'parsing'],
  reducer: ['aggregation', 'streaming', 'state machine', 'idempotency'],
  orchestrator: ['workflow coordination', 'compensation', 'retry', 'timeout'],
};

const run = [];
const types = Object.keys(SHAPES);
for (let s = 0; s < SPECS; s++) {
  const nodeType = types[s % types.length];
  const entity = pick(ENTITIES);
  const features = new Set();
  const k = int(1, 3);
  while (features.size < k) features.add(pick(FEATURES[nodeType]));
  const verbs = [...SHAPES[nodeType].verbs];
  for (let m = 0; m < 5; m++) {
    const verb = verbs[m % verbs.length];
    run.push({
      nodeType,
      methodName: `${verb}_${entity}`,
      // specs differ in what a method takes: some add a tenant, a dry-run flag, a filter
      params: [...PARAMS[verb](entity), ...(int(0, 9) < 3 ? [pick(['tenant_id', 'dry_run', 'include_deleted'])] : []), 'correlation_id'],
      features: [...features],
      pattern: SHAPES[nodeType].pattern,
      className: `Node${entity[0].toUpperCase()}${entity.slice(1)}${s}${nodeType[0].toUpperCase()}${nodeType.slice(1)}`,
    });
  }
}

async function loadRun(rule) {
  const client = new PGlite();
  const db = drizzle(client);
  await migrate(db, { migrationsFolder: fileURLToPath(new URL('../../migrations/', import.meta.url)) });
  const store = createTemplateStore(db);
  const served = new Map();
  let reused = 0;
  let wrongShape = 0;
  for (const sig of run) {
    const hit = rule === 'reuse' ? await store.findReusable(sig) : (await store.findSimilar(sig, { minSimilarity: 0.8, limit: 1 }))[0];
    if (hit) {
      reused++;
      served.set(hit.template.id, (served.get(hit.template.id) ?? 0) + 1);
      const n = normalizeSignature(sig);
      if (hit.template.verb !== n.verb || hit.template.params.join(',') !== n.params.join(',')) wrongShape++;
      continue;
    }
    const body = `# ${sig.methodName}\nreturn await self._${sig.methodName}(${sig.params.filter((p) => p !== 'correlation_id').join(', ')})`;
    await store.learn(sig, body, { score: 0.9, costMicros: 1000, origin: 'examples' });
  }
  await client.close();
  const top = Math.max(0, ...served.values());
  return { reused, templatesUsed: served.size, top, wrongShape };
}

const rows = [
  ['reuse rule (findReusable, similarity >= ' + REUSE_MIN_SIMILARITY + ' + same type, verb, params)', await loadRun('reuse')],
  ['similarity only (best findSimilar hit >= 0.8, the earlier rule)', await loadRun('similar')],
];
console.log(`template reuse on a load run of ${run.length} methods (${SPECS} specs x 5, seed ${values.seed})\n`);
console.log('| rule | methods reused | templates reused | most methods served by one template | reused with another verb or parameters |');
console.log('|---|---|---|---|---|');
for (const [name, r] of rows) {
  console.log(`| ${name} | ${r.reused}/${run.length} (${((100 * r.reused) / run.length).toFixed(0)} %) | ${r.templatesUsed} | ${r.top} | ${r.wrongShape} |`);
}
