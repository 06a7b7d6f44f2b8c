#!/usr/bin/env node
// The reliability suite: the BUILT onexgen CLI as a child process under faults a hostile user, a
// flaky provider or an impatient operator brings. Never a test (no timed assertions): it prints what
// it tried and what held, and exits 1 when something did not hold.
//
//   npm run build && node tools/reliability/reliability.mjs [--only NAME[,NAME]] [--json]
//
// Probes: hostile specs, provider fault mixes, echoed keys, signals, SIGKILL, concurrent runs on
// one PostgreSQL (started here, or DATABASE_URL), hostile node files (encodings, modes, symlinks).
import { parseArgs } from 'node:util';
import { probes } from './probes/index.mjs';
import { createContext } from './context.mjs';

const { values } = parseArgs({ options: { only: { type: 'string' }, json: { type: 'boolean' } } });
const only = values.only ? new Set(values.only.split(',')) : undefined;

const ctx = await createContext();
const results = [];
try {
  for (const probe of probes) {
    if (only && !only.has(probe.name)) continue;
    const started = performance.now();
    let checks;
    try {
      checks = await probe.run(ctx);
    } catch (error) {
      checks = [{ what: 'probe ran to the end', held: false, detail: error instanceof Error ? error.stack ?? error.message : String(error) }];
    }
    const ms = Math.round(performance.now() - started);
    results.push({ probe: probe.name, about: probe.about, ms, checks });
    if (!values.json) {
      process.stdout.write(`\n${probe.name} — ${probe.about} (${ms} ms)\n`);
      for (const c of checks) process.stdout.write(`  ${c.held ? 'held  ' : 'BROKE '} ${c.what}${c.detail ? `: ${c.detail}` : ''}\n`);
    }
  }
} finally {
  await ctx.close();
}

const all = results.flatMap((r) => r.checks);
const totals = {
  probes: results.length,
  faultsInjected: ctx.counters.faults,
  checks: all.length,
  held: all.filter((c) => c.held).length,
  broke: all.filter((c) => !c.held).length,
  rowsLost: ctx.counters.rowsLost,
  filesDamaged: ctx.counters.filesDamaged,
  secretsFound: ctx.counters.secretsFound,
};
if (values.json) process.stdout.write(`${JSON.stringify({ totals, figures: ctx.figures, results }, null, 2)}\n`);
else {
  if (ctx.figures.length > 0) process.stdout.write('\nfigures (measured, not held against a threshold):\n');
  for (const f of ctx.figures) process.stdout.write(`  ${f.probe}: ${f.what}: stopped in ${f.stoppedInMs} ms (sent ${f.sentAfterMs} ms after start, exit ${f.exit}, load ${f.load1})\n`);
  process.stdout.write(
    `\n${totals.probes} probes, ${totals.faultsInjected} faults injected: ${totals.held} held, ${totals.broke} broke; ` +
      `rows lost ${totals.rowsLost}, files damaged ${totals.filesDamaged}, secrets found ${totals.secretsFound}\n`,
  );
}
process.exit(totals.broke === 0 ? 0 : 1);
