// A run through the pipeline with llm-sim over real HTTP, streaming: the progress sink receives each
// method's answer chunk by chunk (with its running token count) before the method is validated, and
// the chunks add up to the answer the model sent.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { startLlmSim, type LlmSim } from '@onexgen/llm-sim';
import { loadConfig, loadSpecFile, openSession, runNodes } from '../src/index.js';
import type { ProgressEvent } from '../src/pipeline/progress-events.js';

const SPEC = fileURLToPath(new URL('../../../examples/specs/price-calculator-compute.yaml', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'onexgen-stream-progress-'));
let sim: LlmSim;
const answers = new Map<string, string>();

beforeAll(async () => {
  sim = await startLlmSim({
    scenario: {
      chunkChars: 8,
      chunkDelayMs: 2,
      responder: (req) => {
        const text = req.messages.map((m) => m.content).join('\n');
        const method = /## Method: ([A-Za-z_][A-Za-z0-9_]*)/.exec(text)?.[1] ?? 'unknown';
        const answer = '```python\nresult = None\nreturn result\n```\n';
        answers.set(method, answer);
        return answer;
      },
    },
  });
});
afterAll(async () => {
  await sim.close();
  rmSync(tmp, { recursive: true, force: true });
});

test('streamed answers reach the progress sink chunk by chunk, before validation', async () => {
  const events: ProgressEvent[] = [];
  const env = { HOME: tmp, ONEXGEN_API_KEY: 'sk-stream-progress-1234' };
  const loaded = loadConfig({
    cwd: tmp,
    env,
    flags: { db: 'memory://', provider: 'openai-compatible', baseUrl: `${sim.url}/v1`, model: 'gpt-4o-mini', maxAttempts: 1, noReuse: true, patternConfidence: 1 },
  });
  const session = await openSession({ loaded, env, cwd: tmp, progress: (e) => events.push(e) });
  try {
    await runNodes(session, [{ kind: 'spec', file: SPEC, spec: await loadSpecFile(SPEC), outDir: join(tmp, 'out') }]);
  } finally {
    await session.close();
  }
  const streamed = events.filter((e) => e.text !== undefined);
  const methods = [...new Set(streamed.map((e) => e.method))];
  expect(methods.length).toBeGreaterThan(0);
  for (const method of methods) {
    const mine = events.filter((e) => e.method === method);
    const chunks = mine.filter((e) => e.text !== undefined);
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.map((e) => e.text).join('')).toBe(answers.get(method));
    // tokens so far only grow, and every chunk comes before the answer is validated
    const tokens = chunks.map((e) => e.tokens!);
    expect(tokens).toEqual([...tokens].sort((a, b) => a - b));
    expect(mine.findIndex((e) => e.stage === 'validate')).toBeGreaterThan(mine.lastIndexOf(chunks.at(-1)!));
  }
  expect(sim.requests.every((r) => r.stream)).toBe(true);
}, 120_000);
