#!/usr/bin/env node
// What one whole-file parse allocates on V8's heap, and its time: @onexgen/response-validator's
// parser.parse over CPython stdlib files of 4–20 KB (tree-sitter parse, the JavaScript mirror of the
// tree, extraction), printed (never asserted). Bytes come from V8's sampling heap profiler with the
// objects GC already collected included (every allocation, not what survives): garbage is what
// makes a thread's young-generation pauses, which land inside the methods being timed.
//
//   node tools/bench/parse-alloc.mjs [--dist packages/response-validator/dist] [--dist <copy of an older dist inside the repo>] [--parses 600] [--rounds 3]
//
// Several --dist: each measured in a fresh process, alternating, --rounds times (same machine noise).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    dist: { type: 'string', multiple: true, default: ['packages/response-validator/dist'] },
    parses: { type: 'string', default: '600' },
    rounds: { type: 'string', default: '3' },
    child: { type: 'string' },
  },
});

if (values.child) {
  const { Session } = await import('node:inspector/promises');
  const { loadPythonParser } = await import(pathToFileURL(resolve(values.child, 'index.js')).href);
  const parser = await loadPythonParser();
  const lib = execFileSync('python3', ['-c', "import sysconfig; print(sysconfig.get_paths()['stdlib'])"], { encoding: 'utf8' }).trim();
  const texts = readdirSync(lib)
    .filter((f) => f.endsWith('.py'))
    .sort()
    .map((f) => readFileSync(`${lib}/${f}`, 'utf8'))
    .filter((t) => t.length > 4000 && t.length < 20000)
    .slice(0, 40);
  const n = Number(values.parses);
  for (let i = 0; i < 200; i++) parser.parse(texts[i % texts.length]); // warm-up: V8 compiles the hot code
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.enable');
  await session.post('HeapProfiler.startSampling', { samplingInterval: 8192, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  let chars = 0;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const text = texts[i % texts.length];
    chars += text.length;
    parser.parse(text);
  }
  const ms = performance.now() - t0;
  const { profile } = await session.post('HeapProfiler.stopSampling');
  const bytes = profile.samples.reduce((s, x) => s + x.size, 0);
  console.log(`${values.child}: ${texts.length} files, ${n} parses of ${(chars / n / 1024).toFixed(1)} KB on average: ${(ms / n).toFixed(3)} ms and ${(bytes / n / 1024).toFixed(0)} KB allocated per parse`);
} else {
  for (let round = 0; round < Number(values.rounds); round++) {
    for (const dist of values.dist) {
      execFileSync(process.execPath, [new URL(import.meta.url).pathname, '--child', dist, '--parses', values.parses], { stdio: 'inherit' });
    }
  }
}
