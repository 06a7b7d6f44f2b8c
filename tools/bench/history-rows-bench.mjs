#!/usr/bin/env node
// What a generation-history row costs to record, with its prompt stored whole in the row (how the
// pipeline recorded it until Dec 7) against the system prompt stored once and named by hash
// (llm_prompt_texts). Printed, never asserted.
//
// The prompts are real: context-builder builds one per method (the pipeline's sections, a new
// docstring each, so the user part differs and the system part repeats). Rows go through
// createMetricsStore in the recorder's batches of 64 to PGlite in memory on its thread, each way
// into a database of its own, in alternating rounds. Figures: this process's CPU per row (both
// threads: the store's validation and statement here, the JSON parse and TOAST compression inside
// PGlite), and the bytes the history table and the prompt texts take afterwards.
//   npx tsx tools/bench/history-rows-bench.mjs [--rows 640] [--rounds 5]
// (needs the built packages: npm run build)
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { buildContext } from '@onexgen/context-builder';
import { createMetricsStore, migrate, openDatabase } from '@onexgen/metrics';
import { loadContextSources, orderStoreInput } from './context-input.mjs';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '640' }, rounds: { type: 'string', default: '5' } } });
const ROWS = Number(values.rows);
const ROUNDS = Number(values.rounds);
if (!Number.isInteger(ROWS) || ROWS < 64 || !Number.isInteger(ROUNDS) || ROUNDS < 1) {
  console.error('history-rows-bench: --rows (>= 64) and --rounds (>= 1) must be integers');
  process.exit(2);
}
const BATCH = 64; // the pipeline recorder's batch

const { sources } = await loadContextSources();
// one method per row, each with a docstring of its own: the user part differs, the system part repeats
const prompts = Array.from({ length: ROWS }, (_, i) => buildContext(orderStoreInput(i, true), sources, { referenceThreshold: 0.15, patternLimit: 5 }).toMessages());
const systemKb = prompts[0].system.length / 1024;
const userKb = prompts.reduce((n, p) => n + p.user.length, 0) / prompts.length / 1024;
const distinctSystems = new Set(prompts.map((p) => p.system)).size;

const WAYS = {
  whole: (p) => ({ promptText: `${p.system}\n\n${p.user}` }),
  named: (p) => ({ systemPrompt: p.system, promptText: p.user }),
};
const dbs = {};
for (const way of Object.keys(WAYS)) {
  const handle = await openDatabase('memory://');
  await migrate(handle);
  dbs[way] = { handle, store: await createMetricsStore(handle), cpuPerRow: [] };
}

async function round(way) {
  const { store, cpuPerRow } = dbs[way];
  const correlationId = randomUUID();
  const rows = prompts.map((p, i) => ({ correlationId, nodeType: 'effect', methodName: `execute_effect_${i}`, generatedCode: 'return {"ok": True}', validationPassed: true, ...WAYS[way](p) }));
  const cpu = process.cpuUsage();
  for (let i = 0; i < rows.length; i += BATCH) await store.record('history', rows.slice(i, i + BATCH));
  const d = process.cpuUsage(cpu);
  cpuPerRow.push((d.user + d.system) / 1000 / rows.length);
}

await round('whole'); // warm-up of both, outside the figures
await round('named');
for (const way of Object.keys(WAYS)) dbs[way].cpuPerRow.length = 0;
for (let r = 0; r < ROUNDS; r += 1) for (const way of r % 2 ? ['named', 'whole'] : ['whole', 'named']) await round(way);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const bytes = async (handle) => {
  const [row] = (await handle.db.execute(sql`select pg_total_relation_size('llm_generation_history') as h, pg_total_relation_size('llm_prompt_texts') as t, (select count(*) from llm_generation_history) as n`)).rows;
  return { history: Number(row.h), texts: Number(row.t), rows: Number(row.n) };
};
console.log(`history rows: ${ROWS} per round in batches of ${BATCH}, ${ROUNDS} rounds each way alternating; prompts from context-builder: system ${systemKb.toFixed(1)} KB (${distinctSystems} distinct), user ${userKb.toFixed(1)} KB on average`);
const figures = {};
for (const way of Object.keys(WAYS)) {
  const size = await bytes(dbs[way].handle);
  figures[way] = { cpu: median(dbs[way].cpuPerRow), perRow: (size.history + size.texts) / size.rows };
  console.log(`  ${way === 'whole' ? 'prompt whole in each row    ' : 'system prompt once, by hash '}  CPU per row median ${figures[way].cpu.toFixed(3)} ms (rounds ${dbs[way].cpuPerRow.map((x) => x.toFixed(3)).join(' ')}) · ${(size.history / 1024).toFixed(0)} KB history + ${(size.texts / 1024).toFixed(0)} KB prompt texts for ${size.rows} rows = ${(figures[way].perRow / 1024).toFixed(2)} KB per row`);
}
console.log(`  ratio (once / whole): CPU ${(figures.named.cpu / figures.whole.cpu).toFixed(2)}, bytes ${(figures.named.perRow / figures.whole.perRow).toFixed(2)}`);
for (const { handle } of Object.values(dbs)) await handle.close();
