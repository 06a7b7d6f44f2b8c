// summarize() on synthetic samples with hand-computed figures, and a run stored in and read back
// from a migrated PGlite (the app's migrations folder), then compared with a second run.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { listEvalRuns, loadEvalRun, renderEvalHtml, renderEvalText, runEval, saveEvalRun, summarize, type CaseSample, type EvalSample } from '@onexgen/eval';
import { migrate, openDatabase, type DatabaseHandle } from '@onexgen/metrics';

function sample(strategy: string, task: number, passed: boolean, repeat = 0, over: Partial<EvalSample> = {}): EvalSample {
  return {
    strategy, model: 'm', caseName: `case${task}.yaml`, method: 'run', repeat, examples: 3, examplesPassed: passed ? 3 : 1,
    verdict: passed ? 'passed' : 'failed', staticPassed: passed, attempts: passed ? 1 : 3, tokensInput: 100, tokensOutput: 50,
    costMicroUsd: 200, latencyMs: 1000, ...over,
  };
}

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openDatabase('memory://');
  await migrate(handle);
});
afterAll(async () => handle.close());

describe('summarize', () => {
  test('one sample per task: pass@1 with a Wilson interval, Fisher comparison, per-method figures', () => {
    const samples = [
      ...Array.from({ length: 10 }, (_, i) => sample('one-shot', i, i < 8)),
      ...Array.from({ length: 10 }, (_, i) => sample('single-pass', i, i < 3)),
      // a method without examples counts for the static rate only
      sample('one-shot', 99, true, 0, { examples: 0, examplesPassed: 0, verdict: 'passed-static', method: 'execute_compute' }),
    ];
    const s = summarize(samples);
    const a = s.arms[0]!;
    expect(a).toMatchObject({ strategy: 'one-shot', tasks: 10, samples: 10, k: 1 });
    expect(a.passAt1.value).toBeCloseTo(0.8, 12);
    expect(a.passAt1.method).toBe('wilson');
    expect(a.passAt1.low).toBeCloseTo(0.490167, 5);
    expect(a.passAtK).toBeUndefined();
    expect(a.staticPass).toMatchObject({ passed: 9, methods: 11 });
    expect(a.perMethod.attempts).toBeCloseTo((9 * 1 + 2 * 3) / 11, 12);
    expect(a.perMethod.tokens).toBe(150);
    expect(a.totals.costMicroUsd).toBe(11 * 200);
    expect(s.test).toBe('fisher-exact');
    expect(s.comparisons[0]!.pValue).toBeCloseTo(0.0697785, 6);
    expect(s.comparisons[0]!.verdict).toMatch(/^no significant difference/);
  });

  test('repeats: pass@k from the unbiased estimator, bootstrap intervals, paired test over tasks', () => {
    // task 0: 2 of 3 pass, task 1: 0 of 3, task 2: 3 of 3 → pass@1 = (2/3 + 0 + 1)/3, pass@3 = (1 + 0 + 1)/3
    const passes = [[true, true, false], [false, false, false], [true, true, true]];
    const samples = passes.flatMap((row, task) => row.map((p, r) => sample('multi-pass', task, p, r)));
    const s = summarize(samples);
    const a = s.arms[0]!;
    expect(a.k).toBe(3);
    expect(a.passAt1.value).toBeCloseTo((2 / 3 + 0 + 1) / 3, 12);
    expect(a.passAt1.method).toBe('bootstrap');
    expect(a.passAtK!.value).toBeCloseTo(2 / 3, 12);
    expect(s.test).toBe('paired-permutation');
  });
});

describe('runEval and the store', () => {
  test('runs repeat × case × arm, stores the run whole, reads it back by id prefix, renders', async () => {
    const calls: string[] = [];
    const samples = await runEval({
      cases: [{ name: 'a.yaml', spec: {} }, { name: 'b.yaml', spec: {} }],
      arms: [{ strategy: 'one-shot' }, { strategy: 'single-pass' }],
      repeat: 2,
      runCase: async (c, arm, repeat): Promise<CaseSample[]> => {
        calls.push(`${repeat}:${c.name}:${arm.strategy}`);
        const { strategy: _s, caseName: _c, repeat: _r, ...rest } = sample(arm.strategy, 0, arm.strategy === 'single-pass');
        return [rest];
      },
    });
    expect(calls).toEqual(['0:a.yaml:one-shot', '0:a.yaml:single-pass', '0:b.yaml:one-shot', '0:b.yaml:single-pass', '1:a.yaml:one-shot', '1:a.yaml:single-pass', '1:b.yaml:one-shot', '1:b.yaml:single-pass']);
    const stored = await saveEvalRun(handle.db, { suite: 'examples/eval', strategies: ['one-shot', 'single-pass'], models: ['m'], repeat: 2, cases: 2 }, samples);
    const back = await loadEvalRun(handle.db, stored.id.slice(0, 8));
    expect(back.run).toMatchObject({ id: stored.id, repeat: 2, strategies: ['one-shot', 'single-pass'] });
    expect(back.samples).toHaveLength(8);
    expect(summarize(back.samples)).toEqual(summarize(samples));
    expect((await listEvalRuns(handle.db)).map((r) => r.id)).toContain(stored.id);
    await expect(loadEvalRun(handle.db, 'zzzz')).rejects.toThrow(/run id/);
    await expect(loadEvalRun(handle.db, '00000000')).rejects.toThrow(/no stored run/);

    const header = { title: 'onexgen eval', lines: [`run ${stored.id.slice(0, 8)}`] };
    const text = renderEvalText(summarize(samples), header);
    expect(text).toContain('one-shot');
    expect(text).toMatch(/single-pass · m passes more|no significant difference/);
    const html = renderEvalHtml(summarize(samples), header);
    expect(html).toContain('<table>');
    expect(html).toContain('pass@1 [95% CI]');
  });
});
