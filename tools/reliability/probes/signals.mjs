// An operator's Ctrl-C or a CI runner's SIGTERM while the run is busy, and a SIGKILL mid-run. The
// first must stop the run with its reason and leave no half-written file; how long that took (signal
// sent → process gone) is printed as a figure, never held against a threshold: on a shared machine the
// time mostly says how long the event loop was busy when the signal came. The SIGKILL must leave
// records that agree (no learned template, no served cache row without the generation that made it).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { check, EXAMPLES } from '../context.mjs';
import { createResponseCacheStore, openDatabase } from '@onexgen/metrics';
import { dumpDatabase } from '../db-dump.mjs';
import { scanPython } from './python-scan.mjs';

const SPECS = ['postgres-user-store-effect.yaml', 'price-calculator-compute.yaml', 'event-counter-reducer.yaml', 'order-workflow-orchestrator.yaml'].map((f) =>
  join(EXAMPLES, 'specs', f),
);
const STUBBED = join(EXAMPLES, 'stubbed', 'node_inventory_effect.py');
const ANSWER = '```python\nreturn None\n```\n';

function pyFiles(dir) {
  return existsSync(dir) ? readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.py')).map((f) => join(dir, f)) : [];
}

/** The stubbed example node followed by ~1.9 MB of implemented helpers (under fill's 2 MiB limit). */
function largeNodeFile(dir) {
  const helper = (i) =>
    `\n\ndef helper_${i}(items, factor=2):\n    total = 0\n    for item in items:\n        if item % ${(i % 7) + 2} == 0:\n            total += item * factor\n` +
    `        else:\n            total -= 1\n    return {"total": total, "count": len(items), "id": ${i}}\n`;
  const parts = [readFileSync(STUBBED, 'utf8')];
  for (let i = 0, size = parts[0].length; size < 1.9 * 1024 * 1024; i++) {
    parts.push(helper(i));
    size += parts[i + 1].length;
  }
  const file = join(dir, 'node_large.py');
  writeFileSync(file, parts.join(''));
  return file;
}

/** The keys among `keys` that the CLI's own cache reader would serve. */
async function servedCacheKeys(dbDir, keys) {
  if (keys.length === 0) return [];
  const handle = await openDatabase(dbDir, { verify: true });
  try {
    const cache = createResponseCacheStore(handle);
    const served = [];
    for (const key of keys) if (await cache.get(key)) served.push(key);
    return served;
  } finally {
    await handle.close();
  }
}

/** Waits until `ready()` (polled) or `maxMs`, whichever first. */
async function until(ready, maxMs) {
  const end = Date.now() + maxMs;
  while (!ready() && Date.now() < end) await sleep(20);
}

/**
 * One interrupted run: start it, wait for the moment `when` describes, send the signal, and report
 * whether it stopped, said why, and left only whole files — and how many ms that took.
 */
async function interrupt(ctx, { label, sig, args, cwd, when, outDir }) {
  ctx.counters.faults += 1;
  const checks = [];
  const { child, done } = ctx.start(args, { cwd, env: { ONEXGEN_API_KEY: ctx.key } });
  const started = Date.now();
  await when();
  const at = Date.now() - started;
  const sent = performance.now();
  child.kill(sig);
  const r = await Promise.race([done, sleep(20_000).then(() => undefined)]);
  if (!r) {
    child.kill('SIGKILL');
    await done;
    checks.push(check(`${label}: the run stops`, false, `still running 20 s after ${sig}`));
    return { checks };
  }
  const ms = Math.round(performance.now() - sent);
  ctx.figures.push({ probe: 'signals', what: `${sig} ${label}`, sentAfterMs: at, stoppedInMs: ms, exit: r.code, load1: Number(loadavg()[0].toFixed(1)) });
  checks.push(check(`${label}: ${sig} stops the run (exit 3) — ${ms} ms, sent ${at} ms after start`, r.code === 3, `exit ${r.code ?? r.signal}`));
  let why = '';
  try {
    why = JSON.parse(r.stdout).stopReason ?? '';
  } catch {
    why = /interrupt/i.test(r.stderr + r.stdout) ? 'interrupted' : '';
  }
  checks.push(check(`${label}: ${sig} says why it stopped`, /interrupt/i.test(why), `stdout ${r.stdout.slice(0, 120)} stderr ${r.stderr.slice(0, 120)}`));
  const bad = Object.entries(scanPython(pyFiles(outDir))).filter(([, p]) => p.startsWith('unparsable'));
  ctx.counters.filesDamaged += bad.length;
  checks.push(check(`${label}: ${sig} leaves no half-written file`, bad.length === 0, bad.map(([f, p]) => `${f}: ${p}`).join('; ')));
  return { checks };
}

export const signals = {
  name: 'signals',
  about: 'SIGTERM and SIGINT at start-up, while the run waits on a slow model and while it works on a 1.9 MB node file; SIGKILL mid-run',
  async run(ctx) {
    const checks = [];
    ctx.sim.reset();

    // waiting on a slow model: the signal is sent once the first request reached the provider
    ctx.sim.setScenario({ latencyMs: 1_500, text: ANSWER });
    for (const sig of ['SIGTERM', 'SIGINT']) {
      const dir = ctx.dir(sig.toLowerCase());
      const before = ctx.sim.requests.length;
      const r = await interrupt(ctx, {
        label: 'waiting on the model',
        sig,
        args: ['generate', ...SPECS, '--out', 'out', '--json', ...ctx.online()],
        cwd: dir,
        outDir: join(dir, 'out'),
        when: () => until(() => ctx.sim.requests.length > before, 30_000),
      });
      checks.push(...r.checks);
    }

    // start-up: the database, validator and sandbox are still opening
    {
      const dir = ctx.dir('startup');
      const r = await interrupt(ctx, {
        label: 'during start-up',
        sig: 'SIGTERM',
        args: ['generate', ...SPECS, '--out', 'out', '--json', ...ctx.online()],
        cwd: dir,
        outDir: join(dir, 'out'),
        when: () => sleep(800),
      });
      checks.push(...r.checks);
    }

    // a loaded run: fill on a 1.9 MB node file (parsing, stub search, assembly and validation of the
    // whole file are CPU work) with a fast model; once while the file is read, once mid-fill
    ctx.sim.setScenario({ latencyMs: 100, text: ANSWER });
    for (const [label, when] of [
      ['reading a 1.9 MB node file', () => sleep(2_000)],
      ['filling a 1.9 MB node file', (before) => until(() => ctx.sim.requests.length > before + 1, 60_000)],
    ]) {
      const dir = ctx.dir('large');
      const file = largeNodeFile(dir);
      const before = ctx.sim.requests.length;
      const r = await interrupt(ctx, {
        label,
        sig: 'SIGTERM',
        args: ['fill', file, '--out', join(dir, 'out', 'node_large.py'), '--json', ...ctx.online()],
        cwd: dir,
        outDir: join(dir, 'out'),
        when: () => when(before),
      });
      checks.push(...r.checks);
    }

    ctx.counters.faults += 1;
    ctx.sim.setScenario({ latencyMs: 300, text: ANSWER });
    const dir = ctx.dir('sigkill');
    const { child, done } = ctx.start(['generate', ...SPECS, '--out', 'out', ...ctx.online()], { cwd: dir, env: { ONEXGEN_API_KEY: ctx.key } });
    const before = ctx.sim.requests.length;
    await until(() => ctx.sim.requests.length >= before + 6, 60_000);
    child.kill('SIGKILL');
    await done;
    const bad = Object.entries(scanPython(pyFiles(join(dir, 'out')))).filter(([, p]) => p.startsWith('unparsable'));
    ctx.counters.filesDamaged += bad.length;
    checks.push(check('SIGKILL: no half-written file', bad.length === 0, bad.map(([f, p]) => `${f}: ${p}`).join('; ')));
    const dbDir = join(dir, '.onexgen', 'db');
    if (existsSync(dbDir)) {
      // The killed process's lock is stale; the opener takes it over.
      const db = await dumpDatabase(dbDir);
      const generations = new Set((db.rows.llm_generation_metrics ?? []).map((r) => String(r.correlation_id)));
      const templates = db.rows.pattern_templates ?? [];
      const orphans = templates.filter((t) => t.generation_id != null && !generations.has(String(t.generation_id))).length;
      ctx.counters.rowsLost += orphans;
      checks.push(check('SIGKILL: no learned template without the generation that made it', orphans === 0, `${orphans} orphaned templates`));
      // a cache row the killed run wrote before its generation row may exist, but is never served
      const cache = db.rows.llm_response_cache ?? [];
      const unlinked = cache.filter((c) => c.generation_id == null).length;
      checks.push(check(`SIGKILL: every cache row names the generation it was written for (${cache.length} rows)`, unlinked === 0, `${unlinked} rows without one`));
      const orphanKeys = cache.filter((c) => c.generation_id != null && !generations.has(String(c.generation_id))).map((c) => c.key_hash);
      const served = await servedCacheKeys(dbDir, orphanKeys);
      ctx.counters.rowsLost += served.length;
      checks.push(check(`SIGKILL: no cache row is served without its generation (${orphanKeys.length} such rows left)`, served.length === 0, `${served.length} served`));
    }
    return checks;
  },
};
