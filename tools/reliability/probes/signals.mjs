// An operator's Ctrl-C or a CI runner's SIGTERM while the run is busy, and a SIGKILL mid-run: the
// first must stop the run within a second or two with its reason, the second must leave records
// that agree (no learned template without the generation that made it) and no half-written file.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { check, EXAMPLES } from '../context.mjs';
import { dumpDatabase } from '../db-dump.mjs';
import { scanPython } from './python-scan.mjs';

const SPECS = ['postgres-user-store-effect.yaml', 'price-calculator-compute.yaml', 'event-counter-reducer.yaml', 'order-workflow-orchestrator.yaml'].map((f) =>
  join(EXAMPLES, 'specs', f),
);

function pyFiles(dir) {
  return existsSync(dir) ? readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.py')).map((f) => join(dir, f)) : [];
}

export const signals = {
  name: 'signals',
  about: 'SIGTERM and SIGINT while the run waits on a slow model; SIGKILL mid-run',
  async run(ctx) {
    const checks = [];
    ctx.sim.reset();
    ctx.sim.setScenario({ latencyMs: 1_500, text: '```python\nreturn None\n```\n' });
    for (const sig of ['SIGTERM', 'SIGINT']) {
      ctx.counters.faults += 1;
      const dir = ctx.dir(sig.toLowerCase());
      const { child, done } = ctx.start(['generate', ...SPECS, '--out', 'out', '--json', ...ctx.online()], { cwd: dir, env: { ONEXGEN_API_KEY: ctx.key } });
      await sleep(2_500);
      const sent = performance.now();
      child.kill(sig);
      const r = await Promise.race([done, sleep(10_000).then(() => undefined)]);
      if (!r) {
        child.kill('SIGKILL');
        checks.push(check(`${sig}: the run stops`, false, 'still running 10 s after the signal'));
        continue;
      }
      const ms = Math.round(performance.now() - sent);
      checks.push(check(`${sig}: stops within 2 s (took ${ms} ms)`, ms <= 2_000, `${ms} ms`));
      let why = '';
      try {
        why = JSON.parse(r.stdout).stopReason ?? '';
      } catch {
        why = /interrupt/i.test(r.stderr + r.stdout) ? 'interrupted' : '';
      }
      checks.push(check(`${sig}: says why it stopped`, /interrupt/i.test(why), `stdout ${r.stdout.slice(0, 120)} stderr ${r.stderr.slice(0, 120)}`));
      const bad = Object.entries(scanPython(pyFiles(join(dir, 'out')))).filter(([, p]) => p.startsWith('unparsable'));
      ctx.counters.filesDamaged += bad.length;
      checks.push(check(`${sig}: no half-written file`, bad.length === 0, bad.map(([f, p]) => `${f}: ${p}`).join('; ')));
    }

    ctx.counters.faults += 1;
    ctx.sim.setScenario({ latencyMs: 300, text: '```python\nreturn None\n```\n' });
    const dir = ctx.dir('sigkill');
    const { child, done } = ctx.start(['generate', ...SPECS, '--out', 'out', ...ctx.online()], { cwd: dir, env: { ONEXGEN_API_KEY: ctx.key } });
    await sleep(3_000);
    child.kill('SIGKILL');
    await done;
    const bad = Object.entries(scanPython(pyFiles(join(dir, 'out')))).filter(([, p]) => p.startsWith('unparsable'));
    ctx.counters.filesDamaged += bad.length;
    checks.push(check('SIGKILL: no half-written file', bad.length === 0, bad.map(([f, p]) => `${f}: ${p}`).join('; ')));
    const dbDir = join(dir, '.onexgen', 'db');
    if (existsSync(dbDir)) {
      // The killed process's lock is stale; the opener takes it over.
      const db = await dumpDatabase(dbDir);
      const templates = db.rows.learned_templates ?? db.rows.pattern_templates ?? [];
      const generations = new Set((db.rows.llm_generation_history ?? []).map((r) => r.generation_id ?? r.id));
      const orphans = templates.filter((t) => t.generation_id !== undefined && !generations.has(t.generation_id)).length;
      ctx.counters.rowsLost += orphans;
      checks.push(check('SIGKILL: no learned template without the generation that made it', orphans === 0, `${orphans} orphaned templates`));
    }
    return checks;
  },
};
