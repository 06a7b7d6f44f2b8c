#!/usr/bin/env node
// A generated node package's per-node steps (not the per-method ones), each two ways, alternating
// in the same process.
// 1. Reading the skeleton (the run's thread): its parse and the stub search, which either parses
//    each marked body again on its own (findStubs over the parsed module) or reads the bodies from
//    the file's tree (findStubsIn, what the pipeline's specInput does now).
// 2. The last steps, as the validation thread runs them: the bodies injected into the skeleton, the
//    node file's imports tidied, the package's last gate (every .py file validated for syntax and
//    security):
//   before  injection checked by parsing the changed definitions (injectBodies with the skeleton's
//           injection base), then the tidy's own whole-file parse, then the gate (3 parses of node.py)
//   now     the pipeline's assembleGeneratedFile (the injection checked by parsing the whole file,
//           the tidy handed that parse again by a parser that remembers recent parses), then the gate
// Same inputs as tools/bench/pipeline-bench.mjs's throughput nodes (compute, 9 operations + the
// entry method, the orchestrator tests' good answer validated as the pipeline validates it).
// Prints medians of CPU time per node and their ratios; the stubs found and the texts written are
// compared (the same either way), not timed.
// Usage: npm run build && npx tsx tools/bench/node-file-bench.mjs [--nodes 20] [--rounds 5]
// (tsx only for the answer fixture: the packages measured are the built ones)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
// the valid ONEX method body the orchestrator's tests (and pipeline-bench) answer with
import { goodAnswer } from '../../apps/orchestrator/test/fixtures/answers.ts';

const { values: opts } = parseArgs({ options: { nodes: { type: 'string', default: '20' }, rounds: { type: 'string', default: '5' } } });
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = (pkg, file = 'index.js') => import(path.join(root, pkg, 'dist', file));
const rv = await dist('packages/response-validator');
const ns = await dist('packages/node-source');
const pipeline = await dist('packages/pipeline');
const { threadOperations } = await dist('packages/pipeline', 'assembly-operations.js');
const { NodeSpecSchema } = await dist('packages/onex');

const parser = await rv.loadPythonParser();
const validator = await rv.createValidator();
// the package gate's validator as the pipeline builds it: syntax and security rules only
const gate = await rv.createValidator({ profile: pipeline.packageCheckProfile('onex-v2') });

const VERBS = ['fetch', 'store', 'merge', 'score', 'route', 'price', 'count', 'audit', 'split'];
function nodeInput(s) {
  const spec = NodeSpecSchema.parse({
    name: `bench_nf_${s}`,
    node_type: 'compute',
    description: `Benchmark node ${s}: transforms records.`,
    operations: VERBS.map((v, i) => ({ name: `${v}_nf_${s}_${i}`, description: `Step ${i} of node ${s}.` })),
    features: ['validation', 'metrics'],
  });
  const { skeleton, node, stubs } = pipeline.specInput(parser, `spec-${s}.yaml`, spec);
  const injections = stubs.map((stub) => {
    const result = validator.validateResponse(goodAnswer(stub.method), { fragment: true, nodeType: 'compute', methodName: stub.method });
    const parsed = validator.parsedBody(result);
    return { stub, code: result.code, imports: result.extraction.imports, parsed: rv.packFragment(parsed) };
  });
  return { skeleton, payload: structuredClone({ source: node.source, injections, original: node.injection }) };
}

const inputs = Array.from({ length: Number(opts.nodes) }, (_, s) => nodeInput(s));

// the pipeline's own last gate over the package's files, node.py as assembled
const gatePackage = (skeleton, nodePy) => pipeline.checkGeneratedPackage(gate, 'bench', skeleton.files.map((f) => (f.path === 'node.py' ? { ...f, content: nodePy } : f)));

const ways = {
  before: async ({ skeleton, payload }) => {
    parser.rememberParses(0);
    const injected = threadOperations.injectBodies(payload, { parser });
    const nodePy = ns.tidyGeneratedImports(parser, injected.source).source;
    await gatePackage(skeleton, nodePy);
    return nodePy;
  },
  now: async ({ skeleton, payload }) => {
    parser.rememberParses(4);
    const { source: nodePy } = threadOperations.assembleGeneratedFile(payload, { parser });
    await gatePackage(skeleton, nodePy);
    return nodePy;
  },
};

// the same files either way
for (const input of inputs) if ((await ways.before(input)) !== (await ways.now(input))) throw new Error('the two ways wrote different node files');

const cpuMs = async (fn) => {
  const c = process.cpuUsage();
  await fn();
  const d = process.cpuUsage(c);
  return (d.user + d.system) / 1000;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const perNode = { before: [], now: [] };
for (let r = 0; r < Number(opts.rounds); r++) {
  for (const name of r % 2 ? ['now', 'before'] : ['before', 'now']) {
    perNode[name].push(
      (await cpuMs(async () => {
        for (const i of inputs) await ways[name](i);
      })) / inputs.length,
    );
  }
}
// 1. the skeleton's parse and stub search
const skeletons = inputs.map((i) => i.payload.source);
const reads = {
  before: (src) => ns.findStubs(parser, parser.parse(src)),
  now: (src) => ns.findStubsIn(parser, src).stubs,
};
for (const src of skeletons) if (JSON.stringify(reads.before(src)) !== JSON.stringify(reads.now(src))) throw new Error('the two ways found different stubs');
parser.rememberParses(0);
const perSkeleton = { before: [], now: [] };
for (let r = 0; r < Number(opts.rounds); r++) {
  for (const name of r % 2 ? ['now', 'before'] : ['before', 'now']) {
    perSkeleton[name].push((await cpuMs(() => skeletons.forEach((src) => reads[name](src)))) / skeletons.length);
  }
}
const size = Math.round(median(await Promise.all(inputs.map(async (i) => (await ways.now(i)).length))));
console.log(`${inputs.length} generated nodes (node.py ~${size} characters, ${inputs[0].skeleton.files.filter((f) => f.path.endsWith('.py')).length} .py files each), ${opts.rounds} alternating rounds`);
console.log(`1. the skeleton read (parse + stub search)`);
console.log(`  before: parse, then findStubs (each marked body parsed again)   ${median(perSkeleton.before).toFixed(2)} ms CPU per node   rounds ${perSkeleton.before.map((x) => x.toFixed(2)).join(' ')}`);
console.log(`  now:    findStubsIn (the bodies read from the file's tree)      ${median(perSkeleton.now).toFixed(2)} ms CPU per node   rounds ${perSkeleton.now.map((x) => x.toFixed(2)).join(' ')}`);
console.log(`  ratio now / before ${(median(perSkeleton.now) / median(perSkeleton.before)).toFixed(2)}`);
console.log(`2. the last steps (injection, import tidy, the package's gate)`);
console.log(`  before: inject (changed definitions) + tidy + gate   ${median(perNode.before).toFixed(2)} ms CPU per node   rounds ${perNode.before.map((x) => x.toFixed(2)).join(' ')}`);
console.log(`  now:    assembleGeneratedFile + gate                 ${median(perNode.now).toFixed(2)} ms CPU per node   rounds ${perNode.now.map((x) => x.toFixed(2)).join(' ')}`);
console.log(`  ratio now / before ${(median(perNode.now) / median(perNode.before)).toFixed(2)}`);
