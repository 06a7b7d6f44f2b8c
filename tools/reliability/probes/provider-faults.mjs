// A provider that fails in every way it can, under a full generation: the run must end (exit 0, 1
// or 3 with its reason), every request must be one attempt row, and what the CLI reports must be
// what the database holds.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { check, EXAMPLES } from '../context.mjs';
import { dumpDatabase } from '../db-dump.mjs';

const SPECS = ['postgres-user-store-effect.yaml', 'price-calculator-compute.yaml', 'event-counter-reducer.yaml', 'order-workflow-orchestrator.yaml'].map((f) =>
  join(EXAMPLES, 'specs', f),
);

const FAULTS = [
  { kind: 'error', status: 500 },
  { kind: 'error', status: 429, headers: { 'retry-after': '0' } },
  { kind: 'reset' },
  { kind: 'malformed' },
  { kind: 'cut' },
  { kind: 'stall', pauseMs: 3_000 },
  { kind: 'ok', text: `x = 1\n`.repeat(400_000), ignoreMaxTokens: true },
  { kind: 'error', status: 503 },
  { kind: 'zai', code: '1302' },
  { kind: 'ok', text: 'I cannot help with that.' },
];

const goodBody = (prompt) => {
  const name = /## Method: ([A-Za-z_][A-Za-z0-9_]*)/.exec(prompt)?.[1] ?? 'method';
  return '```python\n' + `# ${name}\nreturn None\n` + '```\n';
};

export const providerFaults = {
  name: 'provider-faults',
  about: '500, 429, reset, malformed, cut, body stall, oversized answer, 503, Z.ai 1302, refusal — under four specs',
  async run(ctx) {
    const checks = [];
    const dir = ctx.dir('faults');
    ctx.sim.reset();
    ctx.sim.setScenario({
      responder: (req) => goodBody(req.messages.map((m) => m.content).join('\n')),
      script: FAULTS.flatMap((f) => [f, f]).map((f) => ({ ...f })),
    });
    ctx.counters.faults += FAULTS.length * 2;
    // A 1 s request timeout so the body stall costs seconds, not minutes.
    writeFileSync(join(dir, 'reliability.config.json'), JSON.stringify({ timeoutMs: 1000 }));
    const r = await ctx.run(['generate', ...SPECS, '--out', 'out', '--json', '--config', 'reliability.config.json', ...ctx.online()], {
      cwd: dir,
      env: { ONEXGEN_API_KEY: ctx.key },
    });
    const stack = /\n\s+at .+:\d+:\d+/.test(r.stderr);
    checks.push(check('the run ends with a documented exit code and no stack trace', [0, 1, 3].includes(r.code) && !stack, `exit ${r.code}; ${r.stderr.slice(0, 300)}`));
    let json;
    try {
      json = JSON.parse(r.stdout);
    } catch {
      checks.push(check('--json is one JSON document', false, r.stdout.slice(0, 200)));
      return checks;
    }
    const db = await dumpDatabase(join(dir, '.onexgen', 'db'));
    const requests = ctx.sim.requests.length;
    const attemptRows = db.counts.llm_call_attempts ?? 0;
    ctx.counters.rowsLost += Math.max(0, requests - attemptRows);
    checks.push(check('one attempt row per provider request', attemptRows === requests, `${attemptRows} rows for ${requests} requests (database ${json.database?.location ?? json.database}; tables ${JSON.stringify(db.counts)})`));
    const methods = json.nodes.flatMap((n) => n.methods ?? []);
    const reportedAttempts = methods.reduce((s, m) => s + (m.attempts ?? 0), 0);
    const llmMethods = methods.filter((m) => m.attempts > 0).length;
    const generationRows = db.counts.llm_generation_metrics ?? 0;
    checks.push(check('methods the CLI reports as asked = generation rows', llmMethods <= generationRows, `${llmMethods} asked, ${generationRows} generation rows`));
    checks.push(check('attempts the CLI reports ≤ provider requests (retries inside a call are counted by the provider)', reportedAttempts <= requests, `${reportedAttempts} reported, ${requests} requests`));
    const leaks = ctx.filesHoldingKey(dir);
    ctx.counters.secretsFound += leaks.length;
    checks.push(check('the key is in no file the run left', leaks.length === 0, leaks.join(', ')));
    return checks;
  },
};
