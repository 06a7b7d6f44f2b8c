// V8's sampling CPU profiler over node:inspector, in this process, for the benchmarks that want to
// say where their own thread's time goes: top functions by self time, and self time by area (a
// package of node_modules, a workspace package, PGlite's WebAssembly, GC, idle).
import { Session } from 'node:inspector/promises';

/** Starts sampling now; `stop()` resolves to the raw .cpuprofile object. */
export async function startCpuProfile({ intervalUs = 500 } = {}) {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: intervalUs });
  await session.post('Profiler.start');
  return {
    async stop() {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      return profile;
    },
  };
}

/** The area a frame's script belongs to: a workspace package, a node_modules package, node itself. */
export function areaOf(url, functionName) {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1];
  const ws = /\/(packages|apps|tools)\/([^/]+)\//.exec(url);
  if (ws) return `${ws[1]}/${ws[2]}`;
  return url;
}

/** Self time per function and per area, in ms, largest first. */
export function summarise(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
  // WebAssembly frames carry no package (wasm://wasm/<hash>): they belong to the JavaScript that
  // called into them (PGlite's Postgres, web-tree-sitter's parser, tiktoken's encoder)
  const wasmArea = (id) => {
    for (let p = parentOf.get(id); p !== undefined; p = parentOf.get(p)) {
      const f = byId.get(p).callFrame;
      if (!f.url.startsWith('wasm://')) return `${areaOf(f.url, f.functionName)} (WebAssembly)`;
    }
    return 'WebAssembly';
  };
  const selfUs = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const fns = new Map();
  const areas = new Map();
  let total = 0;
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    const name = functionName || '(anonymous)';
    const short = url ? url.replace(/^.*\/(node_modules|packages|apps|tools)\//, '$1/') : '';
    const key = `${name}  ${short}${url ? `:${lineNumber + 1}` : ''}`;
    fns.set(key, (fns.get(key) ?? 0) + us);
    const area = url.startsWith('wasm://') ? wasmArea(id) : areaOf(url, name);
    areas.set(area, (areas.get(area) ?? 0) + us);
    total += us;
  }
  const sorted = (m) => [...m].map(([k, us]) => ({ name: k, ms: us / 1000, share: us / total })).sort((a, b) => b.ms - a.ms);
  return { totalMs: total / 1000, functions: sorted(fns), areas: sorted(areas) };
}

/** Prints the summary: areas, then the top functions, with shares of the sampled time. */
export function printSummary(summary, { top = 15, indent = '  ' } = {}) {
  const line = (r) => `${indent}  ${r.ms.toFixed(0).padStart(7)} ms ${(r.share * 100).toFixed(1).padStart(5)} %  ${r.name}`;
  console.log(`${indent}self time by area (of ${summary.totalMs.toFixed(0)} ms sampled):`);
  for (const r of summary.areas.slice(0, top)) console.log(line(r));
  console.log(`${indent}top ${top} functions by self time:`);
  for (const r of summary.functions.slice(0, top)) console.log(line(r));
}
