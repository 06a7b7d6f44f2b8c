#!/usr/bin/env node
// What the api/* rules cost: full onex-v2 validation of a 40-line ONEX node method (a node file with
// its omnibase_core imports, so every api/* rule has work) with the shipped omnibase_core index and
// with the index switched off (`apiIndex: false`), medians after warm-up, next to CPython 3.12's
// ast.parse of the same text in the same run; plus the index's sizes and its one-time load.
// Usage: (cd packages/response-validator && npx tsup) && node tools/bench/api-rules-bench.mjs
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const pkg = path.join(root, 'packages/response-validator');
const { createValidator } = await import(path.join(pkg, 'dist/index.js'));

const FILE = `from typing import Any

from omnibase_core import EnumCoreErrorCode, ModelOnexError
from omnibase_core.enums.enum_log_level import EnumLogLevel as LogLevel
from omnibase_core.logging.structured import emit_log_event_sync as emit_log_event
from omnibase_core.models.container.model_onex_container import ModelONEXContainer
from omnibase_core.models.contracts.model_contract_effect import ModelContractEffect
from omnibase_core.nodes.node_effect import NodeEffect


class NodeUserEffect(NodeEffect):
    def __init__(self, container: ModelONEXContainer) -> None:
        super().__init__(container)
        self.pool = container.get_service(dict, "database_pool")

    async def execute_effect(self, contract: ModelContractEffect) -> dict[str, Any]:
        """Load the user and their recent orders."""
        correlation_id = contract.correlation_id
        emit_log_event(LogLevel.INFO, "loading user", {"correlation_id": str(correlation_id)})
        try:
            async with self.pool.acquire() as conn:
                user = await conn.fetchrow("SELECT id, email, status FROM users WHERE id = $1", contract.user_id)
                if user is None:
                    raise ModelOnexError(message="user not found", error_code=EnumCoreErrorCode.RESOURCE_NOT_FOUND)
                orders = await conn.fetch("SELECT id, total FROM orders WHERE user_id = $1 LIMIT $2", contract.user_id, 10)
            total = sum(o["total"] for o in orders)
            result = {"user": dict(user), "orders": [dict(o) for o in orders], "total": total}
            emit_log_event(LogLevel.INFO, "user loaded", {"correlation_id": str(correlation_id), "total": total})
            return result
        except ModelOnexError:
            raise
        except Exception as e:
            raise ModelOnexError(
                message="loading the user failed",
                error_code=EnumCoreErrorCode.DATABASE_QUERY_ERROR,
                correlation_id=correlation_id,
                details={"error": str(e)},
            ) from e
`;
const lines = FILE.trimEnd().split('\n').length;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
function timeMany(fn, n) {
  for (let i = 0; i < 200; i++) fn();
  const out = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return median(out);
}

const withIndex = await createValidator({ profile: 'onex-v2' });
const t0 = performance.now();
const first = withIndex.validate(FILE); // reads and parses the index
const firstMs = performance.now() - t0;
const apiFindings = first.issues.filter((i) => i.ruleId.startsWith('api/'));
const without = await createValidator({ profile: { id: 'no-index', extends: 'onex-v2', apiIndex: false } });
const t1 = performance.now();
without.validate(FILE);
const firstWithoutMs = performance.now() - t1;

const N = 2000;
const on = timeMany(() => withIndex.validate(FILE), N);
const off = timeMany(() => without.validate(FILE), N);
const on2 = timeMany(() => withIndex.validate(FILE), N); // again: load drift shows as a difference
const cpython = Number(
  execFileSync(
    'python3',
    ['-c', `import ast,sys,time\nsrc=sys.stdin.read()\nfor _ in range(200): ast.parse(src)\nts=[]\nfor _ in range(${N}):\n  t=time.perf_counter(); ast.parse(src); ts.append(time.perf_counter()-t)\nts.sort(); print(ts[len(ts)//2]*1000)`],
    { input: FILE, encoding: 'utf8', env: { ...process.env, PYENV_VERSION: '3.12' } },
  ).trim(),
);

const gz = fs.readFileSync(path.join(pkg, 'data/api/omnibase_core-0.3.1.json.gz'));
const t2 = performance.now();
const index = JSON.parse(gunzipSync(gz).toString('utf8'));
const parseMs = performance.now() - t2;
const modules = Object.values(index.modules);
const count = (key) => modules.reduce((n, m) => n + Object.keys(m[key] ?? {}).length, 0);

const f = (ms) => `${ms.toFixed(3)} ms`;
console.log(`api/* findings on the bench file: ${apiFindings.length} (${apiFindings.map((i) => i.ruleId).join(', ') || 'none'})`);
console.log(`\n| measure (${lines}-line node file) | ours | CPython 3.12 ast.parse | ratio |`);
console.log('|---|---:|---:|---:|');
console.log(`| onex-v2 validation with the API index, median of ${N} | ${f(on)} (again: ${f(on2)}) | ${f(cpython)} | ${(on / cpython).toFixed(2)}× |`);
console.log(`| onex-v2 validation, apiIndex: false | ${f(off)} | ${f(cpython)} | ${(off / cpython).toFixed(2)}× |`);
console.log(`| of which api/* rules (difference of medians) | ${f((on + on2) / 2 - off)} | | |`);
console.log(`| first validation, index read on first use | ${f(firstMs)} (without index: ${f(firstWithoutMs)}) | | |`);
console.log(`\nshipped index: ${gz.length} B gzip; ${modules.length} modules, ${count('classes')} classes, ${count('functions')} module functions; gunzip + JSON.parse ${f(parseMs)}`);
