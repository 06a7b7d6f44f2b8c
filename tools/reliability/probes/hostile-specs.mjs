// Specs that try to cost memory, crash the parser, or plant code through a field.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { check } from '../context.mjs';
import { scanPython } from './python-scan.mjs';

const PAYLOAD = '__import__("os").system("echo PWNED")';

const specs = {
  oversized: () => `name: big\nnode_type: compute\ndescription: d\n# ${'x'.repeat(2_000_000)}\n`,
  'alias-bomb': () => {
    const lines = ['  a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 10; i++) lines.push(`  a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(',')}]`);
    return `name: bomb\nnode_type: compute\ndescription: d\nbomb:\n${lines.join('\n')}\n`;
  },
  'many-operations': () =>
    `name: many\nnode_type: effect\ndescription: d\noperations:\n${Array.from({ length: 20_000 }, (_, i) => `  - name: op_${i}`).join('\n')}\n`,
  'domain-newline': () => `name: inj_domain\nnode_type: compute\ndomain: "x\\n${PAYLOAD.replaceAll('"', '\\"')}\\n"\ndescription: d\n`,
  'model-name-quotes': () =>
    `name: inj_model\nnode_type: effect\ndescription: d\ncontract:\n  input_model: 'In"""\\n${PAYLOAD}\\n"""'\n  output_model: "Out"\n`,
  'signature-body': () =>
    `name: inj_sig\nnode_type: compute\ndescription: d\nmethods:\n  - name: f\n    signature: "def f(self) -> int:\\n        ${PAYLOAD.replaceAll('"', '\\"')}\\n    def g(self) -> int"\n    docstring: d\n`,
};

export const hostileSpecs = {
  name: 'hostile-specs',
  about: 'oversized, alias bomb, 20k operations, code planted through domain / model names / signature',
  async run(ctx) {
    const checks = [];
    for (const [name, make] of Object.entries(specs)) {
      ctx.counters.faults += 1;
      const dir = ctx.dir(`spec-${name}`);
      const file = join(dir, `${name}.yaml`);
      writeFileSync(file, make());
      const r = await ctx.run(['generate', file, '--out', 'out', '--offline', '--db', 'memory://'], { cwd: dir });
      const stack = /\n\s+at .+:\d+:\d+/.test(r.stderr);
      checks.push(check(`${name}: a clear error or safe output, never a stack trace`, !stack && r.code !== null && r.code !== 134, `exit ${r.code}${r.signal ? ` (${r.signal})` : ''}; ${r.stderr.slice(0, 200)}`));
      const out = join(dir, 'out');
      if (r.code === 2) {
        checks.push(check(`${name}: refused (exit 2) with nothing written`, !existsSync(out), 'out/ exists after a refusal'));
        continue;
      }
      const py = existsSync(out) ? readdirSync(out, { recursive: true }).map(String).filter((f) => f.endsWith('.py')).map((f) => join(out, f)) : [];
      const problems = scanPython(py);
      const bad = Object.entries(problems);
      if (bad.length > 0) ctx.counters.filesDamaged += bad.length;
      checks.push(check(`${name}: every generated .py parses and calls no planted code`, bad.length === 0, bad.map(([f, p]) => `${f.slice(out.length + 1)}: ${p}`).join('; ')));
    }
    return checks;
  },
};
