#!/usr/bin/env node
// Where llm-effect's call overhead over the openai SDK comes from: the same chat request sent
// sequentially against llm-sim (0 ms latency, a separate process) by raw fetch, by ky as
// llm-effect configures it (retry on, `json` body), and by ky with an afterResponse hook that
// reads the body (what llm-effect did until session 10 to classify and bound answers), and by ky
// with a bodiless Request whose `fetch` option sends the JSON text and reads the answer (what
// llm-effect does now: no tee of the request per attempt, no clone of the response). Prints CPU and wall per
// call, medians of interleaved rounds; asserts nothing.
// Needs the built llm-sim: (cd tools/llm-sim && npx tsup). Run: node tools/bench/ky-overhead.mjs [--calls 400] [--rounds 5]
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const CALLS = arg('calls', 400);
const ROUNDS = arg('rounds', 5);

// ky is llm-effect's dependency (bundled into its dist), so it is resolved from there
const requireFromLlmEffect = createRequire(fileURLToPath(new URL('../../packages/llm-effect/package.json', import.meta.url)));
const { default: ky } = await import(requireFromLlmEffect.resolve('ky'));

const bin = fileURLToPath(new URL('../llm-sim/bin/llm-sim.js', import.meta.url));
const sim = spawn(process.execPath, [bin, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve, reject) => {
  sim.stdout.on('data', (d) => {
    const m = /listening on (\S+)/.exec(String(d));
    if (m) resolve(m[1]);
  });
  sim.once('exit', (code) => reject(new Error(`llm-sim exited with ${code}`)));
});
await fetch(`${url}/__sim/scenario`, { method: 'POST', body: JSON.stringify({ latencyMs: 0 }) });

const endpoint = `${url}/v1/chat/completions`;
const body = (i) => ({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `Write the body of method number ${i}.` }], max_tokens: 4096 });
const headers = { authorization: 'Bearer sk-bench', 'content-type': 'application/json' };
const http = ky.create({ retry: { limit: 2, methods: ['post'] }, timeout: 60_000 });
const readInHook = async (_request, _options, response) => {
  if (!response.ok) return undefined;
  await response.json();
  return new Response(null, { status: 200 });
};
// ky's `fetch` option: the Request ky builds carries no body, so nothing is teed when ky clones it.
const sendWithText = (text) => async (request, init) => {
  const response = await fetch(request.url, { ...init, method: request.method, headers: request.headers, body: text, signal: request.signal });
  await response.json();
  return new Response(null, { status: 200 });
};
const variants = {
  'raw fetch': (i) => fetch(endpoint, { method: 'POST', headers, body: JSON.stringify(body(i)) }).then((r) => r.json()),
  'ky, retry on': (i) => http.post(endpoint, { json: body(i), headers }).json(),
  'ky, retry on, afterResponse reads the body': (i) => http.post(endpoint, { json: body(i), headers, hooks: { afterResponse: [readInHook] } }),
  'ky, retry on, its fetch option sends the text and reads the body': (i) => http.post(endpoint, { headers, fetch: sendWithText(JSON.stringify(body(i))) }),
};

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const send of Object.values(variants)) for (let i = 0; i < 200; i += 1) await send(i); // warm-up
const perCall = {};
// Interleaved rounds: load from other work on this shared machine hits every variant alike.
for (let round = 0; round < ROUNDS; round += 1) {
  for (const [name, send] of Object.entries(variants)) {
    const c0 = cpuMs();
    const t0 = performance.now();
    for (let i = 0; i < CALLS; i += 1) await send(i);
    (perCall[name] ??= []).push({ cpu: (cpuMs() - c0) / CALLS, wall: (performance.now() - t0) / CALLS });
  }
}
const rawCpu = median(perCall['raw fetch'].map((r) => r.cpu));
console.log(`| sender | CPU per call (median of ${ROUNDS} rounds × ${CALLS}) | × raw fetch | wall per call |`);
console.log('|---|---|---|---|');
for (const [name, rounds] of Object.entries(perCall)) {
  const cpu = median(rounds.map((r) => r.cpu));
  console.log(`| ${name} | ${cpu.toFixed(3)} ms | ${(cpu / rawCpu).toFixed(2)} | ${median(rounds.map((r) => r.wall)).toFixed(3)} ms |`);
}
sim.kill();
