#!/usr/bin/env node
// response-validator speed, each figure next to CPython 3.12's ast.parse on the same input,
// measured in the same run (ratio = ours / CPython; < 1 means faster than CPython).
//   1. parse + full validation (onex-v2) of a typical 40-line ONEX method, median after warm-up;
//      validateResponse of that method's body as an LLM answers it (fenced, as a method body), as
//      asked (a plain body) and with an import line the model added
//   2. whole-file throughput (MB/s) on CPython stdlib files
//   3. CLI start-up: `onexgen-validate file.py` as a process vs `python3 -c "import ast; ast.parse(...)"`
// Usage: (cd packages/response-validator && npx tsup) && node tools/bench/validator-bench.mjs [--dist <dir>]
//   --dist: another build of the package (e.g. a copy of an older dist/) to compare with the same script
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const pkg = path.join(root, 'packages/response-validator');
const { values: opts } = parseArgs({ options: { dist: { type: 'string', default: path.join(pkg, 'dist') } } });
const dist = path.resolve(opts.dist);
const { createValidator, loadPythonParser } = await import(path.join(dist, 'index.js'));
const python = (args, input) => execFileSync('python3', args, { encoding: 'utf8', env: { ...process.env, PYENV_VERSION: '3.12' }, input });

const METHOD = `class NodeUserEffect(NodeEffect):
    async def execute_effect(self, contract: ModelContractEffect) -> dict[str, Any]:
        """Load the user and their recent orders, publishing an audit event."""
        correlation_id = contract.correlation_id
        start = time.perf_counter()
        emit_log_event(LogLevel.INFO, "user_load_started", "loading user", correlation_id, data={"user_id": contract.user_id})
        try:
            async with self.pool.acquire() as conn:
                async with conn.transaction():
                    user = await conn.fetchrow("SELECT id, email, status FROM users WHERE id = $1", contract.user_id)
                    if user is None:
                        raise ModelOnexError(
                            message=f"user {contract.user_id} not found",
                            error_code=EnumCoreErrorCode.RESOURCE_NOT_FOUND,
                        )
                    orders = await conn.fetch(
                        "SELECT id, total FROM orders WHERE user_id = $1 ORDER BY created_at DESC LIMIT $2",
                        contract.user_id,
                        contract.limit or 10,
                    )
            total = sum(o["total"] for o in orders)
            result = {
                "user": dict(user),
                "orders": [dict(o) for o in orders],
                "total": total,
                "vip": total > 1000 and user["status"] == "active",
            }
            await self.event_bus.publish("user.loaded", result, correlation_id=correlation_id)
            duration_ms = (time.perf_counter() - start) * 1000
            emit_log_event(LogLevel.INFO, "user_load_done", "user loaded", correlation_id, data={"ms": duration_ms})
            return result
        except ModelOnexError:
            raise
        except Exception as e:
            emit_log_event(LogLevel.ERROR, "user_load_failed", str(e), correlation_id)
            raise ModelOnexError(
                message="loading the user failed",
                error_code=EnumCoreErrorCode.DATABASE_QUERY_ERROR,
            ) from e
`;

function median(fn, { warm = 200, runs = 1000 } = {}) {
  for (let i = 0; i < warm; i++) fn();
  const t = new Float64Array(runs);
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    fn();
    t[i] = performance.now() - s;
  }
  t.sort();
  return t[runs >> 1];
}

/** CPython's ast.parse median (ms) on each file, same warm-up/run counts, in one python process. */
function cpythonParse(files, warm, runs) {
  const script = `
import ast, json, sys, time
out = []
for f in json.loads(sys.stdin.read()):
    src = open(f, encoding="utf-8").read()
    for _ in range(${warm}): ast.parse(src)
    t = []
    for _ in range(${runs}):
        s = time.perf_counter(); ast.parse(src); t.append(time.perf_counter() - s)
    t.sort(); out.append(t[len(t) // 2] * 1000)
print(json.dumps(out))`;
  return JSON.parse(python(['-c', script], JSON.stringify(files)));
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'validator-bench-'));
const methodFile = path.join(tmp, 'method.py');
fs.writeFileSync(methodFile, METHOD);
console.log(`build: ${dist}`);
console.log(`machine: ${os.cpus().length} cpu, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; node ${process.version}; ${python(['--version']).trim()}`);

// 1. 40-line method
const parser = await loadPythonParser();
const validator = await createValidator();
const parseMs = median(() => parser.parse(METHOD));
const treeOnlyMs = median(() => parser.withTree(METHOD, () => 0)); // parse + the parser's extraction, no rules
const validateMs = median(() => validator.validate(METHOD));
const issues = validator.validate(METHOD).issues.length;
const [cpyMethod] = cpythonParse([methodFile], 200, 1000);
console.log(`\n1. ${METHOD.split('\n').length - 1}-line ONEX method (${issues} issues), median of 1000 after 200 warm-up:`);
console.log(`   parse only              ${(parseMs * 1000).toFixed(0).padStart(6)} µs   (${(parseMs / cpyMethod).toFixed(2)}× CPython ast.parse ${(cpyMethod * 1000).toFixed(0)} µs)`);
console.log(`   parse + full validation ${(validateMs * 1000).toFixed(0).padStart(6)} µs   (${(validateMs / cpyMethod).toFixed(2)}× CPython ast.parse)`);
console.log(`     of which rules        ${((validateMs - treeOnlyMs) * 1000).toFixed(0).padStart(6)} µs   (${((validateMs - treeOnlyMs) / cpyMethod).toFixed(2)}× CPython ast.parse)`);
// the method's body, dedented, as an answer to "write the body of execute_effect"
const body = METHOD.split('\n').slice(3).map((line) => line.slice(8)).join('\n').trimEnd();
const answer = (lines) => ['Here is the body:', '```python', ...lines, '```'].join('\n');
const bodyContext = { fragment: true, nodeType: 'effect', methodName: 'execute_effect' };
for (const [label, text] of [['a plain body (as asked)', answer([body])], ['with an import line', answer(['import time', '', body])]]) {
  const ms = median(() => validator.validateResponse(text, bodyContext));
  console.log(`   validateResponse, ${label.padEnd(24)} ${(ms * 1000).toFixed(0).padStart(6)} µs   (${(ms / cpyMethod).toFixed(2)}× CPython ast.parse of the method)`);
}

// 2. whole files
const stdlib = python(['-c', 'import argparse, asyncio.base_events as b, json.decoder as d; print(argparse.__file__); print(b.__file__); print(d.__file__)']).trim().split('\n');
const cpyFiles = cpythonParse(stdlib, 3, 15);
console.log('\n2. whole files (CPython 3.12 stdlib), median of 15 after 3 warm-up:');
stdlib.forEach((file, i) => {
  const src = fs.readFileSync(file, 'utf8');
  const mb = Buffer.byteLength(src) / 1e6;
  const p = median(() => parser.parse(src), { warm: 3, runs: 15 });
  const v = median(() => validator.validate(src), { warm: 3, runs: 15 });
  console.log(
    `   ${path.basename(file).padEnd(16)} ${(mb * 1000).toFixed(0).padStart(4)} KB  parse ${(mb / (p / 1000)).toFixed(2)} MB/s  parse+validate ${(mb / (v / 1000)).toFixed(2)} MB/s  CPython ast.parse ${(mb / (cpyFiles[i] / 1000)).toFixed(2)} MB/s  (validate ${(v / cpyFiles[i]).toFixed(1)}× CPython)`,
  );
});

// 3. CLI start-up
const cli = path.join(dist, 'cli.js');
const proc = (cmd, args) => {
  const t = [];
  for (let i = 0; i < 7; i++) {
    const s = performance.now();
    const r = spawnSync(cmd, args, { env: { ...process.env, PYENV_VERSION: '3.12' } });
    t.push(performance.now() - s);
    if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} failed: ${r.stderr}`);
  }
  return t.sort((a, b) => a - b)[3];
};
const cliMs = proc(process.execPath, [cli, '--profile', 'generic-python', methodFile]);
const helpMs = proc(process.execPath, [cli, '--help']);
const pyMs = proc('python3', ['-c', `import ast; ast.parse(open(${JSON.stringify(methodFile)}).read())`]);
console.log('\n3. process start-up, median of 7:');
console.log(`   onexgen-validate method.py ${cliMs.toFixed(0)} ms   --help ${helpMs.toFixed(0)} ms   python3 -c "import ast; ast.parse(...)" ${pyMs.toFixed(0)} ms   (${(cliMs / pyMs).toFixed(1)}× CPython)`);

// 4. thousands of files in one CLI run
const many = path.join(tmp, 'many');
fs.mkdirSync(many);
for (let i = 0; i < 2000; i++) fs.writeFileSync(path.join(many, `m${i}.py`), METHOD.replace('NodeUserEffect', `NodeUser${i}Effect`));
const s = performance.now();
const r = spawnSync(process.execPath, [cli, '--format', 'json', many], { maxBuffer: 1 << 30 });
const ms = performance.now() - s;
const summary = JSON.parse(r.stdout.toString()).summary;
console.log(`\n4. one CLI run over 2000 files of 40 lines: ${(ms / 1000).toFixed(1)} s (${(ms / 2000).toFixed(2)} ms/file), exit ${r.status}, summary ${JSON.stringify(summary)}`);
fs.rmSync(tmp, { recursive: true, force: true });
