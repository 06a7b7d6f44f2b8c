// Two runs at once on one PostgreSQL: both finish, and every provider request is one attempt row.
import { join } from 'node:path';
import { check, EXAMPLES } from '../context.mjs';
import { dumpDatabase } from '../db-dump.mjs';

const SPECS = ['price-calculator-compute.yaml', 'event-counter-reducer.yaml'].map((f) => join(EXAMPLES, 'specs', f));

export const concurrentRuns = {
  name: 'concurrent-runs',
  about: 'two generate runs at once against one PostgreSQL server, with a flaky provider',
  async run(ctx) {
    const checks = [];
    const url = await ctx.postgresUrl();
    const before = (await dumpDatabase(url).catch(() => ({ counts: {} }))).counts.llm_call_attempts ?? 0;
    ctx.sim.reset();
    ctx.sim.setScenario({
      latencyMs: 50,
      text: '```python\nreturn None\n```\n',
      script: [{ kind: 'error', status: 500, times: 3 }, { kind: 'reset', times: 2 }],
    });
    ctx.counters.faults += 5;
    const runs = await Promise.all(
      [0, 1].map((i) =>
        ctx.run(['generate', ...SPECS, '--out', `out${i}`, '--db', url, ...ctx.online()], { cwd: ctx.dir(`concurrent-${i}`), env: { ONEXGEN_API_KEY: ctx.key } }),
      ),
    );
    runs.forEach((r, i) => checks.push(check(`run ${i} ends with a documented exit code`, [0, 1, 3].includes(r.code), `exit ${r.code}; ${r.stderr.slice(0, 200)}`)));
    const db = await dumpDatabase(url);
    const requests = ctx.sim.requests.length;
    const rows = (db.counts.llm_call_attempts ?? 0) - before;
    ctx.counters.rowsLost += Math.max(0, requests - rows);
    checks.push(check('one attempt row per provider request across both runs', rows === requests, `${rows} rows for ${requests} requests`));
    return checks;
  },
};
