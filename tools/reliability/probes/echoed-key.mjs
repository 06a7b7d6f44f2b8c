// A model that echoes the key it was called with into its code: the key must reach no file, no
// database row, no cache entry and no learned template — and a later offline run must not carry it
// into another node.
import { join } from 'node:path';
import { check, EXAMPLES } from '../context.mjs';

export const echoedKey = {
  name: 'echoed-key',
  about: 'answers that contain the API key, then an offline run reusing what was learned',
  async run(ctx) {
    const checks = [];
    const dir = ctx.dir('echo');
    ctx.sim.reset();
    ctx.sim.setScenario({
      responder: (req) => {
        const name = /## Method: ([A-Za-z_][A-Za-z0-9_]*)/.exec(req.messages.map((m) => m.content).join('\n'))?.[1] ?? 'm';
        return '```python\n' + `# ${name}\napi_token = "${ctx.key}"\nreturn {"token": api_token}\n` + '```\n';
      },
    });
    ctx.counters.faults += 1;
    const spec = join(EXAMPLES, 'specs', 'price-calculator-compute.yaml');
    const r1 = await ctx.run(['generate', spec, '--out', 'out', ...ctx.online()], { cwd: dir, env: { ONEXGEN_API_KEY: ctx.key } });
    checks.push(check('the run ends', r1.code !== null, `signal ${r1.signal}`));
    checks.push(check('the key is not in the CLI output', !r1.stdout.includes(ctx.key) && !r1.stderr.includes(ctx.key), 'printed'));
    const r2 = await ctx.run(['generate', join(EXAMPLES, 'specs', 'event-counter-reducer.yaml'), '--out', 'out2', '--offline'], { cwd: dir });
    checks.push(check('the offline run ends', r2.code !== null, `signal ${r2.signal}`));
    const leaks = ctx.filesHoldingKey(dir);
    ctx.counters.secretsFound += leaks.length;
    checks.push(check('no file, database page, cache or spool holds the key', leaks.length === 0, leaks.join(', ')));
    return checks;
  },
};
