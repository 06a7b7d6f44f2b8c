// `onexgen eval` end to end, in-process from source: llm-sim over real HTTP, the real sandbox,
// PGlite on disk. (1) The shipped suite examples/eval with llm-sim answering each method's
// reference body: every example of every spec passes, so the suite's examples are right.
// (2) A small suite under two strategies where the first answer per method is wrong: the table,
// the stored run and the statistics agree with hand-computed values.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startLlmSim, type LlmSim, type ResponderRequest } from '@onexgen/llm-sim';
import { parse } from 'yaml';
import { goodAnswer } from './fixtures/answers.js';
import { runInProcess } from './helpers/run-in-process.js';
import { REFERENCE, SUITE } from './helpers/eval-suite.js';
import { methodOf, paramOf } from './helpers/sim.js';

const KEY = 'sk-onexgen-eval-SECRET-4242';
const tmp = mkdtempSync(join(tmpdir(), 'onexgen-eval-'));
const fence = (body: string) => `\`\`\`python\n${body}\n\`\`\``;


let sim: LlmSim;
beforeAll(async () => {
  sim = await startLlmSim({ scenario: {} });
});
afterAll(async () => {
  await sim.close();
  rmSync(tmp, { recursive: true, force: true });
});

async function onexgen(dir: string, args: string[]) {
  const run = await runInProcess([...args, '--db', join(dir, 'db')], { env: { HOME: dir, CI: '1', ONEXGEN_API_KEY: KEY, PATH: process.env.PATH }, cwd: dir });
  return { ...run, json: run.stdout.startsWith('{') ? JSON.parse(run.stdout) : undefined };
}
const provider = () => ['--provider', 'openai-compatible', '--base-url', `${sim.url}/v1`, '--model', 'glm-4.5'];

type Arm = { strategy: string; tasks: number; samples: number; k: number; passAt1: { value: number; low: number; high: number; method: string }; passAtK?: { value: number }; staticPass: { passed: number; methods: number }; perMethod: { attempts: number } };

describe('onexgen eval', () => {
  test('the shipped suite: every reference body passes every example of its spec', async () => {
    const specs = readdirSync(SUITE).filter((f) => f.endsWith('.yaml'));
    expect(specs.length).toBeGreaterThanOrEqual(20);
    const missing = specs.flatMap((f) => ((parse(readFileSync(join(SUITE, f), 'utf8')).methods ?? []) as { name: string }[]).map((m) => m.name)).filter((m) => !REFERENCE[m]);
    expect(missing).toEqual([]);
    sim.setScenario({ responder: (r: ResponderRequest) => (REFERENCE[methodOf(r)] ? fence(REFERENCE[methodOf(r)]!) : goodAnswer(methodOf(r), paramOf(r))) });
    const dir = mkdtempSync(join(tmp, 'suite-'));
    const run = await onexgen(dir, ['eval', SUITE, '--json', ...provider()]);
    expect(run.stderr).toBe('');
    const arm = (run.json.arms as Arm[])[0]!;
    const failing = (run.json as { arms: Arm[] }).arms.length === 1 && arm.passAt1.value === 1 ? [] : run.stdout;
    expect(failing).toEqual([]);
    expect(arm).toMatchObject({ strategy: 'single-pass', tasks: Object.keys(REFERENCE).length, k: 1 });
    expect(arm.staticPass.passed).toBe(arm.staticPass.methods);
  }, 600_000);

  test('two strategies on a small suite: table, stored run and hand-computed statistics', async () => {
    // every method's first answer returns a wrong value; the re-ask gets the reference body
    const asked = new Map<string, number>();
    sim.setScenario({
      responder: (r: ResponderRequest) => {
        const method = methodOf(r);
        const ref = REFERENCE[method];
        if (!ref) return goodAnswer(method, paramOf(r));
        const n = (asked.get(method) ?? 0) + 1;
        asked.set(method, n);
        // odd requests of a method are wrong, even ones right: one-shot gets one wrong try, single-pass a retry
        return fence(n % 2 === 1 ? 'return None' : ref);
      },
    });
    const dir = mkdtempSync(join(tmp, 'two-'));
    const suite = ['split-payment-compute.yaml', 'retry-backoff-orchestrator.yaml', 'rate-window-reducer.yaml'].map((f) => join(SUITE, f));
    const html = join(dir, 'eval.html');
    const run = await onexgen(dir, ['eval', ...suite, '--strategy', 'single-pass,one-shot', '--json', '--html', html, ...provider()]);
    expect(run.stderr).toBe('');
    const [single, oneShot] = run.json.arms as Arm[];
    expect(single).toMatchObject({ strategy: 'single-pass', tasks: 3, samples: 3, k: 1 });
    expect(single!.passAt1.value).toBe(1);
    expect(single!.perMethod.attempts).toBeCloseTo((3 * 2 + 3 * 1) / 6, 9); // 3 example methods re-asked once, 3 entry methods once
    expect(oneShot!.passAt1.value).toBe(0);
    // Wilson 3/3 at 95%: [3/(3+z²), 1] = [0.43850, 1]
    expect(single!.passAt1.low).toBeCloseTo(0.4385, 4);
    expect(oneShot!.passAt1.high).toBeCloseTo(1 - 0.4385, 4);
    // Fisher exact on [[3,0],[0,3]]: 2 / C(6,3) = 0.1 → not significant with 3 tasks
    const [cmp] = run.json.comparisons as { pValue: number; significant: boolean; verdict: string }[];
    expect(cmp!.pValue).toBeCloseTo(0.1, 9);
    expect(cmp!.significant).toBe(false);
    expect(cmp!.verdict).toMatch(/^no significant difference \(100\.0% vs 0\.0%, p=0\.100, Fisher exact\)$/);
    expect(readFileSync(html, 'utf8')).toContain('no significant difference');

    // stored: the text report of the stored run shows the same table and verdict
    const runId = run.json.runId as string;
    expect(runId).toMatch(/^[0-9a-f-]{36}$/);
    const report = await onexgen(dir, ['eval-report', runId.slice(0, 8)]);
    expect(report.code).toBe(0);
    expect(report.stdout).toContain('single-pass');
    expect(report.stdout).toContain('one-shot');
    expect(report.stdout).toMatch(/100\.0% \[43\.[89]%–100\.0%\]/);
    expect(report.stdout).toContain('no significant difference (100.0% vs 0.0%, p=0.100, Fisher exact)');
    const missing = await onexgen(dir, ['eval-report', 'abcdef12']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no stored run/);
  }, 600_000);
});
