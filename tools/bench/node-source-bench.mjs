#!/usr/bin/env node
// @onexgen/node-source on large node files: read (decode), find stubs, inject every body, write back,
// at 0.1 / 0.5 / 1 / 5 MB. Each figure is a median over --runs, printed next to the parser's own parse
// of the same file measured in the same run (the floor: finding and injecting must stay a small
// multiple of it at every size, i.e. linear in the file's size).
// Usage: npx nx run-many -t build -p @onexgen/node-source && node tools/bench/node-source-bench.mjs [--runs 3] [--sizes 0.1,0.5,1,5]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values: opts } = parseArgs({ options: { runs: { type: 'string', default: '3' }, sizes: { type: 'string', default: '0.1,0.5,1,5' } } });
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ns = await import(path.join(root, 'packages/node-source/dist/index.js'));
const { loadPythonParser } = await import(path.join(root, 'packages/response-validator/dist/index.js'));
const parser = await loadPythonParser();

/** A node file of about `mb` MB: stub methods, implemented methods holding TODO notes, uncertain ones. */
function nodeFile(mb) {
  const parts = ['# -*- coding: utf-8 -*-\n"""Big node (café)."""\nfrom typing import Any\n\nfrom omnibase_core.nodes.node_effect import NodeEffect\n\n\nclass NodeBigEffect(NodeEffect):\n    """Big."""\n\n'];
  let size = parts[0].length;
  for (let i = 0; size < mb * 1024 * 1024; i++) {
    const chunk =
      `    async def op_${i}(self, sku: str, quantity: int) -> dict[str, Any]:\n        """Reserve units of sku ${i}."""\n        # IMPLEMENTATION REQUIRED\n        pass\n\n` +
      `    def helper_${i}(self, values: list[int]) -> int:\n        """Implemented helper."""\n        total = 0\n        for v in values:\n            # TODO: Add additional checks as needed\n            total += v * ${i}\n        return total\n\n` +
      `    async def maybe_${i}(self) -> bool:\n        # TODO: ping the service ${i}\n        return True\n\n`;
    parts.push(chunk);
    size += chunk.length;
  }
  return parts.join('');
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// wall time and this process's CPU time (user + system): on a shared machine the wall figure grows
// with the load, the CPU figure much less, so both are printed
async function time(fn) {
  const t = performance.now();
  const c = process.cpuUsage();
  const value = await fn();
  const cpu = process.cpuUsage(c);
  return { ms: performance.now() - t, cpu: (cpu.user + cpu.system) / 1000, value };
}

const dir = mkdtempSync(path.join(tmpdir(), 'node-source-bench-'));
const runs = Number(opts.runs);
console.log(`node-source on generated node files, median of ${runs} run(s); peer: parser.parse of the same file`);
console.log('size MB | stubs | parse (peer) ms | read ms | findStubs ms (÷parse) | injectBodies ms (÷parse) | write ms | total ms | total MB/s | CPU: parse ms | findStubs ms | injectBodies ms | total ms | s per MB');
try {
  for (const mb of opts.sizes.split(',').map(Number)) {
    const file = path.join(dir, `node_${mb}.py`);
    writeFileSync(file, nodeFile(mb));
    const t = { parse: [], read: [], find: [], inject: [], write: [] };
    const cpu = { parse: [], read: [], find: [], inject: [], write: [] };
    let stubCount = 0;
    for (let r = 0; r < runs; r++) {
      writeFileSync(file, nodeFile(mb));
      const read = await time(() => ns.readNodeSource(file, { maxBytes: 64 * 1024 * 1024 }));
      const parse = await time(() => parser.parse(read.value.text));
      const find = await time(() => ns.findStubs(parser, parse.value));
      stubCount = find.value.length;
      const inject = await time(() => ns.injectBodies(parser, read.value.text, find.value.map((stub) => ({ stub, code: 'return {"ok": True}', imports: ['import asyncio'] }))));
      const write = await time(() => ns.writeNodeSource(read.value, inject.value.source));
      for (const [k, v] of Object.entries({ parse, read, find, inject, write })) {
        t[k].push(v.ms);
        cpu[k].push(v.cpu);
      }
    }
    const med = (series) => Object.fromEntries(Object.entries(series).map(([k, v]) => [k, median(v)]));
    const m = med(t);
    const c = med(cpu);
    const sum = (x) => x.read + x.parse + x.find + x.inject + x.write;
    const total = sum(m);
    const f = (x) => x.toFixed(0);
    console.log(
      `${mb} | ${stubCount} | ${f(m.parse)} | ${f(m.read)} | ${f(m.find)} (${(m.find / m.parse).toFixed(2)}) | ${f(m.inject)} (${(m.inject / m.parse).toFixed(2)}) | ${f(m.write)} | ${f(total)} | ${(mb / (total / 1000)).toFixed(2)}` +
        ` | ${f(c.parse)} | ${f(c.find)} | ${f(c.inject)} | ${f(sum(c))} | ${(sum(c) / 1000 / mb).toFixed(2)}`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
