// Answers checked on the validation thread (the default with several methods in flight through a
// model) give the run the verdicts, issues, bodies and files the run's own thread gives — refused
// answers and their re-asks included; a thread that is gone hands its checks back to the run's
// thread. In-process from source: llm-sim over real HTTP, PGlite in memory.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startLlmSim, type LlmSim } from '@onexgen/llm-sim';
import { NodeSpecSchema } from '@onexgen/onex';
import { loadConfig, openSession, runNodes } from '../src/index.js';
import type { ResponderRequest } from '@onexgen/llm-sim';
import { BROKEN_ANSWER, goodAnswer } from './fixtures/answers.js';
import { methodOf, paramOf } from './helpers/sim.js';

let sim: LlmSim;
const tmp = mkdtempSync(join(tmpdir(), 'onexgen-vthread-'));
beforeAll(async () => {
  sim = await startLlmSim();
});
afterAll(async () => {
  await sim.close();
  rmSync(tmp, { recursive: true, force: true });
});

const specs = ['billing', 'routing'].map((name, s) =>
  NodeSpecSchema.parse({
    name: `${name}_node`,
    node_type: 'compute',
    description: `Test node ${s}: transforms records.`,
    operations: ['fetch_rows', 'merge_rows', 'score_rows'].map((op) => ({ name: `${op}_${s}`, description: `Does ${op} for node ${s}.` })),
  }),
);

/** Each node's methods get a broken answer first and a good one on the re-ask (both nodes have a `process`). */
function repairedPerNode(): (request: ResponderRequest) => string {
  const seen = new Set<string>();
  return (request) => {
    const text = [request.system ?? '', ...request.messages.map((m) => m.content)].join('\n');
    const key = `${/billing_node|routing_node/.exec(text)?.[0]}/${methodOf(request)}`;
    if (seen.has(key)) return goodAnswer(methodOf(request), paramOf(request));
    seen.add(key);
    return BROKEN_ANSWER;
  };
}

function filesUnder(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out[relative(dir, full)] = readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return out;
}

async function generate(label: string, validationThread: boolean | undefined, options: { closeThreadFirst?: boolean } = {}) {
  // each run gets a fresh responder: every method's first answer is broken, its re-ask good
  sim.setScenario({ responder: repairedPerNode() });
  const dir = join(tmp, label);
  const loaded = loadConfig({ cwd: dir, env: { HOME: dir }, flags: { provider: 'openai-compatible', baseUrl: `${sim.url}/v1`, model: 'glm-4.5', db: 'memory://', concurrency: 4, fileConcurrency: 2 } });
  if (validationThread !== undefined) loaded.config = { ...loaded.config, validationThread };
  const session = await openSession({ loaded, env: { HOME: dir }, cwd: dir });
  const threaded = session.validatorThread !== undefined;
  if (options.closeThreadFirst) await session.validatorThread!.close();
  try {
    const nodes = await runNodes(session, specs.map((spec, i) => ({ kind: 'spec' as const, file: `spec-${i}.yaml`, spec, outDir: join(dir, 'out') })));
    const methods = nodes.flatMap((n) => n.methods.map((m) => ({ node: n.input, name: m.name, strategy: m.strategy, attempts: m.attempts, verdict: m.verdict, score: m.score, issues: m.issues })));
    return { threaded, statuses: nodes.map((n) => n.status), methods, files: filesUnder(join(dir, 'out')) };
  } finally {
    await session.close();
  }
}

describe('the validation thread', () => {
  test('the same verdicts, issues, re-asks and written files as on the run’s thread', async () => {
    const here = await generate('here', false);
    const there = await generate('there', undefined);
    expect(here.threaded).toBe(false);
    expect(there.threaded).toBe(true);
    expect(there.statuses).toEqual(['written', 'written']);
    // every method was refused once (the broken answer) and accepted on its re-ask
    expect(there.methods.length).toBeGreaterThanOrEqual(6);
    for (const m of there.methods) expect([m.name, m.attempts, m.verdict]).toEqual([m.name, 2, 'passed-static']);
    expect(there.methods).toEqual(here.methods);
    expect(Object.keys(there.files).length).toBeGreaterThanOrEqual(14);
    expect(there.files).toEqual(here.files);
  }, 120_000);

  test('a thread that is gone: the run checks on its own thread and ends the same', async () => {
    const here = await generate('here-2', false);
    const gone = await generate('gone', true, { closeThreadFirst: true });
    expect(gone.threaded).toBe(true);
    expect(gone.methods).toEqual(here.methods);
    expect(gone.files).toEqual(here.files);
  }, 120_000);
});
