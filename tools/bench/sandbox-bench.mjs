#!/usr/bin/env node
// Behaviour-check speed (@onexgen/python-sandbox): the median time to check one method of a node
// against 3 examples through the warm worker (write the package to a temp dir, fork a limited
// child, import the node, run 3 examples, collect results, remove the dir), next to a bare
// `python -c pass` start of the same interpreter measured in the same run (ratio = ours / peer).
// Also: sandbox start-up (probe + isolation check + worker ready) once.
// Usage: (cd packages/python-sandbox && npm run build) && node tools/bench/sandbox-bench.mjs [--runs 200] [--warmup 20] [--python PATH]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values: opts } = parseArgs({
  options: { runs: { type: 'string', default: '200' }, warmup: { type: 'string', default: '20' }, python: { type: 'string' } },
});
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = path.join(root, 'packages/python-sandbox/dist/index.js');
if (!fs.existsSync(dist)) {
  console.error(`missing ${dist}: build first with (cd packages/python-sandbox && npm run build)`);
  process.exit(2);
}
const { createSandbox } = await import(dist);

const NODE = `
from omnibase_core import EnumCoreErrorCode, ModelOnexError
from omnibase_core.models.container.model_onex_container import ModelONEXContainer
from omnibase_core.nodes.node_effect import NodeEffect


class NodeUserStoreEffect(NodeEffect):
    def __init__(self, container: ModelONEXContainer) -> None:
        super().__init__(container)
        self.pool = container.get_service("database_pool")

    async def get_user(self, user_id: int) -> dict:
        async with self.pool.acquire() as conn:
            row = await conn.fetchrow("SELECT id, name FROM users WHERE id = $1", user_id)
        if row is None:
            raise ModelOnexError(error_code=EnumCoreErrorCode.RESOURCE_NOT_FOUND, message=f"user {user_id} not found")
        return dict(row)
`;
const EXAMPLES = [
  { given: { user_id: 1 }, io: { fetchrow: [{ id: 1, name: 'Ada' }] }, expect: { id: 1, name: 'Ada' } },
  { given: { user_id: 2 }, io: { fetchrow: [{ id: 2, name: 'Grace' }] }, expect: { id: 2, name: 'Grace' } },
  { given: { user_id: 3 }, raises: 'RESOURCE_NOT_FOUND' },
];

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const ms = (x) => `${x.toFixed(1)} ms`;

const t0 = performance.now();
const sandbox = await createSandbox({ python: opts.python });
const startup = performance.now() - t0;
if (!sandbox.available) {
  console.error(`sandbox unavailable: ${sandbox.unavailableReason}`);
  process.exit(1);
}
const runs = Number(opts.runs);
const warmup = Number(opts.warmup);
const times = [];
for (let i = 0; i < warmup + runs; i++) {
  const s = performance.now();
  const run = await sandbox.runMethod({ files: { 'node.py': NODE }, module: 'node', className: 'NodeUserStoreEffect', method: 'get_user', examples: EXAMPLES });
  const elapsed = performance.now() - s;
  if (run.passed !== 3) throw new Error(`expected 3 passing examples, got ${JSON.stringify(run.results)}`);
  if (i >= warmup) times.push(elapsed);
}
await sandbox.close();

// Peer: a bare start of the same interpreter, same count, alternating is unnecessary (no shared state).
const peer = [];
for (let i = 0; i < Math.min(runs, 60); i++) {
  const s = performance.now();
  const r = spawnSync(sandbox.python.path, ['-c', 'pass'], { env: { PATH: process.env.PATH ?? '' } });
  peer.push(performance.now() - s);
  if (r.status !== 0) throw new Error('python -c pass failed');
}

const median = quantile(times, 0.5);
const peerMedian = quantile(peer, 0.5);
console.log(
  `python-sandbox — ${sandbox.python.path} (${sandbox.python.version}), runtime ${sandbox.runtime}, network ${sandbox.networkIsolated ? 'isolated' : 'NOT isolated'}, user code ${sandbox.privileges}`,
);
console.log(`sandbox start-up (probe, isolation check, warm worker ready): ${ms(startup)}`);
console.log(`per-method check, 3 examples (${runs} runs after ${warmup} warm-up): median ${ms(median)}, p95 ${ms(quantile(times, 0.95))}`);
console.log(`peer: bare \`python -c pass\` start (${peer.length} runs): median ${ms(peerMedian)}`);
console.log(`ratio (per-method check / bare python start): ${(median / peerMedian).toFixed(2)}`);
console.log(`goal ≤ 50 ms median per method after warm-up: ${median <= 50 ? 'met' : 'NOT met'}`);
