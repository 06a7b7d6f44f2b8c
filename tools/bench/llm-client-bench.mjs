// Benchmark: @onexgen/llm-effect against the official `openai` SDK, same calls, same run, same
// simulator (a separate llm-sim process, so the server's work does not share our event loop).
//   1. overhead per call at zero simulated latency (sequential calls; raw fetch as the floor)
//   2. 1,000 concurrent calls at 200 ms simulated latency with a concurrency limit of 50
//   3. streamed answers (--stream-calls N, default 300): a 1,000-character answer in 12-character
//      chunks, as pipeline-bench's simulator sends it; llm-effect's stream() against the SDK's
//      `stream: true`, sequential, CPU per call (the work of reading ~85 SSE events per answer)
// Needs the built packages: (cd packages/llm-effect && npx tsup) && (cd tools/llm-sim && npx tsup)
// Run: node tools/bench/llm-client-bench.mjs [--calls 300] [--concurrent 1000] [--limit 50] [--latency 200] [--stream-calls 300]
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import { createLLMClient } from '@onexgen/llm-effect';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const CALLS = arg('calls', 300);
const CONCURRENT = arg('concurrent', 1000);
const LIMIT = arg('limit', 50);
const LATENCY = arg('latency', 200);
const STREAM_CALLS = arg('stream-calls', 300);
const MODEL = 'gpt-4o-mini';

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const fmt = (ms) => `${ms.toFixed(2)} ms`;

async function startSim() {
  const bin = fileURLToPath(new URL('../llm-sim/bin/llm-sim.js', import.meta.url));
  const child = spawn(process.execPath, [bin, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      const m = /listening on (\S+)/.exec(String(d));
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`llm-sim exited with ${code}`)));
  });
  const setScenario = (scenario) => fetch(`${url}/__sim/scenario`, { method: 'POST', body: JSON.stringify(scenario) }).then((r) => r.json());
  return { url, child, setScenario };
}

const sim = await startSim();
const openai = new OpenAI({ apiKey: 'sk-bench', baseURL: `${sim.url}/v1`, maxRetries: 2 });
const llm = createLLMClient(
  {
    providers: { openai: { kind: 'openai-compatible', baseUrl: `${sim.url}/v1`, apiKey: 'sk-bench', maxConcurrent: LIMIT } },
    tiers: { cloud_fast: [{ provider: 'openai', model: MODEL }] },
    cache: { enabled: false },
  },
  { env: {} },
);
const messages = (i) => [{ role: 'user', content: `Write the body of method number ${i}.` }];
const peers = {
  'raw fetch': (i) =>
    fetch(`${sim.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench' },
      body: JSON.stringify({ model: MODEL, messages: messages(i), max_tokens: 4096 }),
    }).then((r) => r.json()),
  'openai SDK': (i) => openai.chat.completions.create({ model: MODEL, messages: messages(i), max_tokens: 4096 }),
  'llm-effect': (i) => llm.generate({ prompt: `Write the body of method number ${i}.` }),
};

// CPU time is reported next to wall time: on a shared machine wall time moves with other
// people's load, while the client's own CPU per call is what it costs.
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const cpu = {};

async function timeSequential(fn, n, name) {
  const times = [];
  const c0 = cpuMs();
  for (let i = 0; i < n; i += 1) {
    const t0 = performance.now();
    await fn(i);
    times.push(performance.now() - t0);
  }
  if (name) (cpu[name] ??= []).push((cpuMs() - c0) / n);
  return times;
}

// --- 1. overhead per call at zero latency --------------------------------------------------
await sim.setScenario({ latencyMs: 0 });
for (const fn of Object.values(peers)) await timeSequential(fn, 30); // warm-up (JIT, sockets, tokenizer)
const seq = {};
// Interleave rounds so load changes on the shared machine hit every peer alike.
for (let round = 0; round < 3; round += 1) {
  for (const [name, fn] of Object.entries(peers)) (seq[name] ??= []).push(...(await timeSequential(fn, Math.ceil(CALLS / 3), name)));
}
console.log(`\n1) Sequential calls at 0 ms simulated latency (${CALLS} each, after warm-up)`);
console.log('| client | median per call | p95 | overhead over raw fetch (median) | client CPU per call (median of 3 rounds) |');
console.log('|---|---|---|---|---|');
const floor = median(seq['raw fetch']);
for (const [name, times] of Object.entries(seq)) {
  console.log(`| ${name} | ${fmt(median(times))} | ${fmt(pct(times, 95))} | ${fmt(median(times) - floor)} | ${fmt(median(cpu[name]))} |`);
}
console.log(`ratio llm-effect / openai SDK (median per call): ${(median(seq['llm-effect']) / median(seq['openai SDK'])).toFixed(2)}`);

// --- 2. 1,000 concurrent calls at 200 ms, concurrency 50 -----------------------------------
await sim.setScenario({ latencyMs: LATENCY });
async function burst(name) {
  const latencies = [];
  const t0 = performance.now();
  const c0 = cpuMs();
  if (name === 'llm-effect') {
    // All calls at once: the client's own per-provider bulkhead holds them to LIMIT in flight.
    await Promise.all(
      Array.from({ length: CONCURRENT }, async (_, i) => {
        const s = performance.now();
        await peers['llm-effect'](i);
        latencies.push(performance.now() - s);
      }),
    );
  } else {
    // The SDK has no concurrency limit of its own: LIMIT workers pull from a shared counter.
    let next = 0;
    await Promise.all(
      Array.from({ length: LIMIT }, async () => {
        while (next < CONCURRENT) {
          const i = next++;
          const s = performance.now();
          await peers['openai SDK'](i);
          latencies.push(performance.now() - s);
        }
      }),
    );
  }
  return { wall: performance.now() - t0, latencies, cpuPerCall: (cpuMs() - c0) / CONCURRENT };
}
const bursts = { 'openai SDK': await burst('openai SDK'), 'llm-effect': await burst('llm-effect') };
const ideal = (CONCURRENT / LIMIT) * LATENCY;
console.log(`\n2) ${CONCURRENT} calls at ${LATENCY} ms simulated latency, concurrency ${LIMIT} (ideal wall time ${ideal} ms)`);
console.log('| client | wall time | calls/s | median call (incl. queueing for llm-effect) | efficiency vs ideal | client CPU per call |');
console.log('|---|---|---|---|---|---|');
for (const [name, r] of Object.entries(bursts)) {
  console.log(`| ${name} | ${fmt(r.wall)} | ${(CONCURRENT / (r.wall / 1000)).toFixed(1)} | ${fmt(median(r.latencies))} | ${((ideal / r.wall) * 100).toFixed(1)} % | ${fmt(r.cpuPerCall)} |`);
}
console.log(`ratio llm-effect / openai SDK (wall time): ${(bursts['llm-effect'].wall / bursts['openai SDK'].wall).toFixed(3)}`);
// --- 3. streamed answers -------------------------------------------------------------------
const ANSWER = Array.from({ length: 25 }, (_, i) => `    step_${i} = compute(step_${i - 1 < 0 ? 0 : i - 1}, factor=${i})\n`).join('');
await sim.setScenario({ latencyMs: 0, text: ANSWER, chunkChars: 12 });
const streamers = {
  'openai SDK': async (i) => {
    let text = '';
    const s = await openai.chat.completions.create({ model: MODEL, messages: messages(i), max_tokens: 4096, stream: true });
    for await (const chunk of s) text += chunk.choices[0]?.delta?.content ?? '';
    return text;
  },
  'llm-effect': async (i) => {
    let text = '';
    const s = llm.stream({ prompt: `Write the body of method number ${i}.` });
    for await (const chunk of s) text += chunk.text;
    await s.response;
    return text;
  },
};
for (const [name, fn] of Object.entries(streamers)) {
  const text = await fn(0);
  if (text !== ANSWER) throw new Error(`${name} streamed ${text.length} characters, not the ${ANSWER.length} sent`);
  await timeSequential(fn, 20);
}
const streamed = {};
const streamCpu = {};
for (let round = 0; round < 3; round += 1) {
  for (const [name, fn] of Object.entries(streamers)) {
    const before = cpu[name]?.length ?? 0;
    (streamed[name] ??= []).push(...(await timeSequential(fn, Math.ceil(STREAM_CALLS / 3), name)));
    (streamCpu[name] ??= []).push(cpu[name][before]);
  }
}
console.log(`\n3) Streamed answers at 0 ms simulated latency (${STREAM_CALLS} each: ${ANSWER.length} characters in ${Math.ceil(ANSWER.length / 12)} chunks)`);
console.log('| client | median per call | p95 | client CPU per call (median of 3 rounds) |');
console.log('|---|---|---|---|');
for (const [name, times] of Object.entries(streamed)) console.log(`| ${name} | ${fmt(median(times))} | ${fmt(pct(times, 95))} | ${fmt(median(streamCpu[name]))} |`);
console.log(`ratio llm-effect / openai SDK, streamed (CPU per call): ${(median(streamCpu['llm-effect']) / median(streamCpu['openai SDK'])).toFixed(2)}`);

const peak = await fetch(`${sim.url}/__sim/requests`).then((r) => r.json());
console.log(`simulator saw ${peak.length} provider requests in total`);

llm.close();
sim.child.kill('SIGTERM');
