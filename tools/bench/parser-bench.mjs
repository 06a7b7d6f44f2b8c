#!/usr/bin/env node
// Python parser speed (@onexgen/response-validator's parsePython: tree-sitter parse + extraction of
// every ParsedModule field + the CPython-agreement and compile() checks), each figure next to
// CPython 3.12's ast.parse on the same inputs, measured in the same run (ratio = ours / CPython).
//   1. median parse of a typical 40-line async method, after warm-up (also as a fragment)
//   2. whole-file throughput (MB/s) over CPython stdlib files
//   3. cold start: a fresh process that loads the parser and parses the method once
// Usage: (cd packages/response-validator && npx tsup) && node tools/bench/parser-bench.mjs [--files 40] [--runs 2000] [--dist <dir>]
//   --dist: another build of the package (e.g. a copy of an older dist/) to compare with the same script
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values: opts } = parseArgs({ options: { files: { type: 'string', default: '40' }, runs: { type: 'string', default: '2000' }, dist: { type: 'string' } } });
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = opts.dist ? path.join(path.resolve(opts.dist), 'index.js') : path.join(root, 'packages/response-validator/dist/index.js');
if (!fs.existsSync(dist)) {
  console.error(`missing ${dist}: build first with (cd packages/response-validator && npx tsup)`);
  process.exit(2);
}
const pyEnv = { ...process.env, PYENV_VERSION: '3.12' };

const METHOD = `    async def execute_effect(self, contract: ModelContractEffect) -> dict[str, Any]:
        """Load the user and their recent orders, publishing an audit event."""
        correlation_id = contract.correlation_id
        start = time.perf_counter()
        emit_log_event(LogLevel.INFO, "user_load_started", {"user_id": contract.user_id, "correlation_id": str(correlation_id)})
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
                "elapsed_ms": (time.perf_counter() - start) * 1000,
            }
            await self.events.publish("user.loaded", {"user_id": user["id"], "correlation_id": str(correlation_id)})
            emit_log_event(LogLevel.INFO, "user_load_finished", {"orders": len(orders), "correlation_id": str(correlation_id)})
            return result
        except ModelOnexError:
            raise
        except asyncpg.PostgresError as exc:
            emit_log_event(LogLevel.ERROR, "user_load_failed", {"error": str(exc), "correlation_id": str(correlation_id)})
            raise ModelOnexError(
                message="database error while loading the user",
                error_code=EnumCoreErrorCode.DATABASE_OPERATION_ERROR,
            ) from exc
`;
const MODULE = `class NodeUserEffect(NodeEffect):\n${METHOD}`;
const FRAGMENT = METHOD.split('\n').slice(2).join('\n');

// Stdlib files of CPython 3.12 itself, the same list for both sides.
const stdlib = execFileSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8', env: pyEnv }).trim();
const files = fs.readdirSync(stdlib).filter((f) => f.endsWith('.py')).sort()
  .map((f) => path.join(stdlib, f))
  .filter((f) => fs.statSync(f).size < 200_000)
  .slice(0, Number(opts.files));
const sources = files.map((f) => fs.readFileSync(f, 'utf8'));
const totalBytes = sources.reduce((n, s) => n + Buffer.byteLength(s), 0);
const runs = Number(opts.runs);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

// --- ours, in this process -------------------------------------------------------------------
const coldOurs = spawnSync(process.execPath, ['--input-type=module', '-e', `
  const t0 = performance.now();
  const { loadPythonParser } = await import(${JSON.stringify(dist)});
  const p = await loadPythonParser();
  const m = p.parse(${JSON.stringify(MODULE)});
  console.log(JSON.stringify({ ms: performance.now() - t0, ok: m.syntaxValid }));
`], { encoding: 'utf8' });
const coldOursMs = JSON.parse(coldOurs.stdout).ms;

const { loadPythonParser } = await import(dist);
const parser = await loadPythonParser();
// Reference: the bare tree-sitter parse the package builds on (no extraction, no checks).
const { createRequire } = await import('node:module');
const requireFromPkg = createRequire(dist);
const TS = await import(requireFromPkg.resolve('web-tree-sitter'));
await TS.Parser.init();
const raw = new TS.Parser();
raw.setLanguage(await TS.Language.load(requireFromPkg.resolve('tree-sitter-python/tree-sitter-python.wasm')));
function timeEach(fn, n) {
  for (let i = 0; i < Math.min(300, n); i++) fn();
  const out = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    fn();
    out.push(Number(process.hrtime.bigint() - t) / 1e3);
  }
  return out;
}
if (!parser.parse(MODULE).syntaxValid || !parser.parseFragment(FRAGMENT).syntaxValid) throw new Error('benchmark input does not parse');
const rawMethodUs = median(timeEach(() => raw.parse(MODULE).delete(), runs));
const cpuBefore = process.cpuUsage();
const oursMethodUs = median(timeEach(() => parser.parse(MODULE), runs));
const cpu = process.cpuUsage(cpuBefore);
const oursMethodCpuUs = (cpu.user + cpu.system) / (runs + Math.min(300, runs));
const oursFragmentUs = median(timeEach(() => parser.parseFragment(FRAGMENT), runs));
for (const s of sources) parser.parse(s);
const oursFileRuns = [];
for (let r = 0; r < 3; r++) {
  const t = process.hrtime.bigint();
  for (const s of sources) parser.parse(s);
  oursFileRuns.push(Number(process.hrtime.bigint() - t) / 1e6);
}
const oursFilesMs = median(oursFileRuns);

// --- CPython 3.12, one process that times its own parses --------------------------------------
const PY = `
import ast, json, sys, time, statistics
cfg = json.load(sys.stdin)
def each(src, n):
    for _ in range(min(300, n)): ast.parse(src)
    out = []
    for _ in range(n):
        t = time.perf_counter_ns(); ast.parse(src); out.append((time.perf_counter_ns() - t) / 1e3)
    return statistics.median(out)
method = each(cfg["module"], cfg["runs"])
srcs = [open(f, encoding="utf-8").read() for f in cfg["files"]]
for s in srcs: ast.parse(s)
runs = []
for _ in range(3):
    t = time.perf_counter_ns()
    for s in srcs: ast.parse(s)
    runs.append((time.perf_counter_ns() - t) / 1e6)
print(json.dumps({"method_us": method, "files_ms": statistics.median(runs), "version": sys.version.split()[0]}))
`;
const py = JSON.parse(execFileSync('python3', ['-c', PY], { encoding: 'utf8', env: pyEnv, input: JSON.stringify({ module: MODULE, runs, files }) }));
const coldPy = spawnSync('python3', ['-c', `
import time; t0 = time.perf_counter()
import ast, json; ast.parse(${JSON.stringify(MODULE)})
print(json.dumps({"ms": (time.perf_counter() - t0) * 1000}))`], { encoding: 'utf8', env: pyEnv });
const coldPyMs = JSON.parse(coldPy.stdout).ms;

// --- report ------------------------------------------------------------------------------------
const mb = totalBytes / 1e6;
const rows = [
  ['40-line method, median after warm-up', `${oursMethodUs.toFixed(0)} µs`, `${py.method_us.toFixed(0)} µs`, oursMethodUs / py.method_us],
  ['  the same, mean CPU time per parse', `${oursMethodCpuUs.toFixed(0)} µs`, '—', undefined],
  ['  reference: bare tree-sitter parse, no extraction/checks', `${rawMethodUs.toFixed(0)} µs`, '—', rawMethodUs / py.method_us],
  ['same method body as a fragment (parseFragment)', `${oursFragmentUs.toFixed(0)} µs`, '—', undefined],
  [`whole files (${files.length} stdlib files, ${mb.toFixed(2)} MB)`, `${(mb / (oursFilesMs / 1000)).toFixed(2)} MB/s`, `${(mb / (py.files_ms / 1000)).toFixed(2)} MB/s`, oursFilesMs / py.files_ms],
  ['cold start: load + first parse, in-process time', `${coldOursMs.toFixed(0)} ms`, `${coldPyMs.toFixed(1)} ms`, coldOursMs / coldPyMs],
];
console.log(`parser benchmark — ours: web-tree-sitter + checks (Node ${process.version}); peer: CPython ${py.version} ast.parse; ratio = time(ours) / time(CPython)\n`);
console.log('| measure | ours | CPython ast.parse | ratio |');
console.log('|---|---|---|---|');
for (const [name, ours, cpy, ratio] of rows) console.log(`| ${name} | ${ours} | ${cpy} | ${ratio === undefined ? '—' : ratio.toFixed(2)} |`);
console.log(`\nload average during the run: ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')} on ${(await import('node:os')).cpus().length} CPUs (figures scale with it; the ratios are the comparable part)`);
console.log('ours = parse + extraction of functions/classes/imports/calls/strings/comments + syntax and compile() checks; CPython = ast.parse only.');
