#!/usr/bin/env node
// `onexgen eval` on the shipped suite (examples/eval) against llm-sim over real HTTP, two
// strategies compared; prints the eval table. SIMULATOR FIGURES: the simulated model answers a
// method's reference body with probability --p per code request (seeded), a wrong body otherwise,
// and does not read plans or reviews — so the figures show what the harness reports and what the
// extra passes cost, never what a strategy buys on a real model. Costs are glm-4.5's catalog
// prices applied to the simulator's token counts.
//
//   npx tsx --tsconfig tsconfig.base.json tools/bench/eval-sim.mjs [--strategy single-pass,multi-pass]
//       [--repeat 2] [--p 0.6] [--seed 7]
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import prand from 'pure-rand';
import { parse } from 'yaml';
import { startLlmSim } from '../llm-sim/src/index.ts';
import { runCli } from '../../apps/orchestrator/src/cli/program.ts';

const { values } = parseArgs({
  options: {
    strategy: { type: 'string', default: 'single-pass,multi-pass' },
    repeat: { type: 'string', default: '2' },
    p: { type: 'string', default: '0.6' },
    seed: { type: 'string', default: '7' },
  },
});
const P = Number(values.p);
if (!(P >= 0 && P <= 1)) {
  console.error('eval-sim: --p must be in [0, 1]');
  process.exit(2);
}

const SUITE = fileURLToPath(new URL('../../examples/eval/', import.meta.url));
const REFERENCE = Object.assign({}, ...readdirSync(join(SUITE, 'reference')).map((f) => parse(readFileSync(join(SUITE, 'reference', f), 'utf8'))));
const fence = (body, lang = 'python') => `\`\`\`${lang}\n${body}\n\`\`\``;
const textOf = (r) => [r.system ?? '', ...r.messages.map((m) => m.content)].join('\n');

let rng = prand.xoroshiro128plus(Number(values.seed));
const uniform = () => {
  const [n, next] = prand.uniformIntDistribution(0, 1_000_000 - 1, rng);
  rng = next;
  return n / 1_000_000;
};

const counts = { code: 0, reference: 0, plan: 0, review: 0 };
const sim = await startLlmSim({
  scenario: {
    responder: (r) => {
      const text = textOf(r);
      if (text.includes('# Method under review')) {
        counts.review++;
        return fence(JSON.stringify({ verdict: 'approve', issues: [] }), 'json');
      }
      const method = /## Method: ([A-Za-z_][A-Za-z0-9_]*)/.exec(text)?.[1] ?? 'unknown';
      if (text.includes('# Plan First')) {
        counts.plan++;
        return fence(JSON.stringify({ steps: [`validate the inputs of ${method}`, 'compute the result'], edge_cases: ['invalid input raises'], examples: [] }), 'json');
      }
      counts.code++;
      const ref = REFERENCE[method];
      if (ref && uniform() < P) {
        counts.reference++;
        return fence(ref);
      }
      return fence('        return None');
    },
  },
});

const dir = mkdtempSync(join(tmpdir(), 'onexgen-eval-sim-'));
let stdout = '';
let stderr = '';
try {
  const code = await runCli(
    ['eval', SUITE, '--strategy', values.strategy, '--repeat', values.repeat, '--provider', 'openai-compatible', '--base-url', `${sim.url}/v1`, '--model', 'glm-4.5', '--db', join(dir, 'db'), '--label', `llm-sim p=${P} seed=${values.seed}`],
    { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: { PATH: process.env.PATH, HOME: dir, CI: '1', ONEXGEN_API_KEY: 'sk-sim' }, cwd: dir, isTTY: false },
  );
  const progress = stderr.split('\n').filter((l) => !/^\[\d+\/\d+\]/.test(l) && l.trim());
  if (progress.length) console.error(progress.join('\n'));
  console.log(`SIMULATOR FIGURES (llm-sim; P(reference body) = ${P} per code request, seed ${values.seed}; plans and reviews are not read by the simulator)`);
  console.log(`requests: ${counts.code} code (${counts.reference} answered with the reference body), ${counts.plan} plan, ${counts.review} review; exit ${code}\n`);
  console.log(stdout);
} finally {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
}
