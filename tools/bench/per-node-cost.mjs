#!/usr/bin/env node
// What one generated node costs the pipeline besides its methods, printed (never asserted): the
// work done once per node, whatever its number of methods — render + parse the skeleton, inject
// the bodies, tidy the imports, and the package's last gate (checkGeneratedPackage). Paid per node,
// it is why a run of many small nodes costs more CPU per method than one of few large ones.
//
//   npx tsx --tsconfig tsconfig.base.json tools/bench/per-node-cost.mjs [--nodes 40] [--ops 9]
//
// Peer in the same run: the gate with the run's full profile (what it ran before) beside the
// security-only validator it runs now; both must find the same syntax and security issues.
import { parseArgs } from 'node:util';
import { injectBodies, tidyGeneratedImports } from '@onexgen/node-source';
import { NodeSpecSchema } from '@onexgen/onex';
import { createValidator, loadPythonParser } from '@onexgen/response-validator';
import { checkGeneratedPackage, specInput } from '@onexgen/pipeline';
import { packageCheckValidator } from '../../packages/pipeline/src/skeleton/check-package.ts';
import { goodAnswer } from '../../apps/orchestrator/test/fixtures/answers.ts';

const { values } = parseArgs({ options: { nodes: { type: 'string', default: '40' }, ops: { type: 'string', default: '9' } } });
const NODES = Number(values.nodes);
const OPS = Number(values.ops);
const WARM = Math.min(10, Math.floor(NODES / 4));

const parser = await loadPythonParser();
const [full, gate] = await Promise.all([createValidator({ profile: 'onex-v2' }), packageCheckValidator('onex-v2')]);
const spec = (n) =>
  NodeSpecSchema.parse({
    name: `bench_node_${n}`,
    node_type: 'compute',
    description: 'Benchmark node.',
    operations: Array.from({ length: OPS }, (_, i) => ({ name: `fetch_${n}_${i}`, description: `Step ${i}.` })),
    features: ['validation', 'metrics'],
  });
const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
const laps = {};
const lap = (name, since) => {
  (laps[name] ??= []).push(cpuMs() - since);
  return cpuMs();
};
const securityAndSyntax = (results) => JSON.stringify(results.map((r) => [r.syntaxValid, r.issues.filter((i) => i.category === 'security' || i.category === 'syntax')]));
let disagreements = 0;
const answer = goodAnswer('operation');
for (let n = 0; n < NODES; n++) {
  let t = cpuMs();
  const input = specInput(parser, `spec-${n}.yaml`, spec(n));
  t = lap('render + parse the skeleton', t);
  // the answer's own imports (`import time`) go with each body, as the pipeline passes them
  const { code, extraction } = full.validateResponse(answer, { fragment: true, methodName: input.stubs[0].method, nodeType: 'compute' });
  t = cpuMs();
  const { source } = injectBodies(parser, input.node.source, input.stubs.map((stub) => ({ stub, code, imports: extraction.imports })));
  t = lap('inject the bodies', t);
  const nodePy = tidyGeneratedImports(parser, source).source;
  t = lap('tidy the imports', t);
  const files = input.skeleton.files.map((f) => (f.path === 'node.py' ? { ...f, content: nodePy } : f));
  // alternate which goes first, so that neither is always the one that runs on a warm cache
  const gates = [
    ['package gate, full profile (peer)', full],
    ['package gate, security rules only', gate],
  ];
  for (const [name, validator] of n % 2 ? gates.reverse() : gates) {
    t = cpuMs();
    await checkGeneratedPackage(validator, input.node.label, files);
    lap(name, t);
  }
  const py = files.filter((f) => f.path.endsWith('.py'));
  if (securityAndSyntax(py.map((f) => full.validate(f.content))) !== securityAndSyntax(py.map((f) => gate.validate(f.content)))) disagreements++;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`per-node CPU, median of ${NODES - WARM} nodes of ${OPS} methods (after ${WARM} warm-up nodes):`);
for (const [name, xs] of Object.entries(laps)) console.log(`  ${name.padEnd(36)} ${median(xs.slice(WARM)).toFixed(2)} ms`);
const ratio = median(laps['package gate, security rules only'].slice(WARM)) / median(laps['package gate, full profile (peer)'].slice(WARM));
console.log(`  gate ratio security-only / full profile: ${ratio.toFixed(2)}; nodes where their syntax+security findings differ: ${disagreements}`);
