// Generation strategies end to end, in-process from source: llm-sim over real HTTP, the real
// sandbox, PGlite on disk. (1) Prompt A/B: an `experiments:` config splits methods between two
// template sets by a stable hash; each generation records its arm and prompt version; `metrics
// --by arm` compares them. (2) An eval learns nothing unless --learn. (3) Multi-pass: the plan
// reaches the code prompt; plan, code and self-review passes are recorded with their cost.
// (4) Cross-model review of a critical method: a rejection re-asks with the issues (or marks the
// method for a person); each review is recorded.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { assignArm, experimentSchema, methodIdentity } from '@onexgen/eval';
import { startLlmSim, type LlmSim, type ResponderRequest } from '@onexgen/llm-sim';
import { parse, stringify } from 'yaml';
import { goodAnswer } from './fixtures/answers.js';
import { dumpDatabase } from './helpers/db-dump.js';
import { runInProcess } from './helpers/run-in-process.js';
import { REFERENCE, SUITE } from './helpers/eval-suite.js';
import { methodOf, paramOf } from './helpers/sim.js';

const SHIPPED_TEMPLATES = fileURLToPath(new URL('../../../packages/context-builder/templates/', import.meta.url));
const KEY = 'sk-onexgen-strategies-SECRET-77';
const tmp = mkdtempSync(join(tmpdir(), 'onexgen-strategies-'));
const fence = (body: string, lang = 'python') => `\`\`\`${lang}\n${body}\n\`\`\``;
const textOf = (r: ResponderRequest) => [r.system ?? '', ...r.messages.map((m) => m.content)].join('\n');
/** The reference body when there is one, else a valid ONEX body. */
const answerFor = (r: ResponderRequest) => (REFERENCE[methodOf(r)] ? fence(REFERENCE[methodOf(r)]!) : goodAnswer(methodOf(r), paramOf(r)));

let sim: LlmSim;
beforeAll(async () => {
  sim = await startLlmSim({ scenario: {} });
});
afterAll(async () => {
  await sim.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** A command that calls the model: the run's database and llm-sim as its provider. */
const onexgen = (dir: string, args: string[]) => onexgenDb(dir, [...args, '--provider', 'openai-compatible', '--base-url', `${sim.url}/v1`, '--model', 'glm-4.5']);

/** A command that only reads the run's database (metrics). */
async function onexgenDb(dir: string, args: string[]) {
  const run = await runInProcess([...args, '--db', join(dir, 'db')], {
    env: { HOME: dir, CI: '1', ONEXGEN_API_KEY: KEY, PATH: process.env.PATH },
    cwd: dir,
  });
  return { ...run, json: run.stdout.startsWith('{') ? JSON.parse(run.stdout) : undefined };
}

/** A copy of an eval spec with per-method overrides added. */
function specWith(dir: string, file: string, overrides: Record<string, Record<string, unknown>>): string {
  const spec = parse(readFileSync(join(SUITE, file), 'utf8')) as Record<string, unknown>;
  const out = join(dir, file);
  writeFileSync(out, stringify({ ...spec, overrides }));
  return out;
}

type Row = Record<string, unknown>;
type JsonMethod = { name: string; strategy: string; attempts: number; verdict: string; cost: number; tokens: { input: number; output: number }; review?: { verdict: string; action: string; reasks: number; model: string }; plan?: { structured: boolean } };
const methodsOf = (json: { nodes: { methods: JsonMethod[] }[] }) => json.nodes.flatMap((n) => n.methods);

describe('prompt A/B', () => {
  test('methods split by a stable hash; arm and prompt version recorded; metrics --by arm compares them', async () => {
    const dir = mkdtempSync(join(tmp, 'ab-'));
    mkdirSync(join(dir, 'prompts', 'short'), { recursive: true });
    writeFileSync(join(dir, 'prompts', 'short', 'instructions.mustache'), `${readFileSync(join(SHIPPED_TEMPLATES, 'instructions.mustache'), 'utf8')}\nARM-SHORT-MARKER: keep the body short.\n`);
    const experiment = { name: 'terse', arms: [{ name: 'control' }, { name: 'short', templates: 'prompts/short' }] };
    // the response cache off: the second run must ask the model again to show the same arm
    writeFileSync(join(dir, 'onexgen.config.yaml'), stringify({ experiments: [experiment], llm: { cache: { enabled: false } } }));
    const specs = ['split-payment-compute.yaml', 'retry-backoff-orchestrator.yaml', 'rate-window-reducer.yaml', 'invoice-tax-compute.yaml', 'semver-compare-compute.yaml', 'csv-line-compute.yaml', 'order-state-reducer.yaml', 'loan-payment-compute.yaml'];
    const specNames = new Map(specs.map((f) => parse(readFileSync(join(SUITE, f), 'utf8')) as { methods: { name: string }[]; name: string }).map((s) => [s.methods[0]!.name, s.name]));
    const sawMarker = new Map<string, boolean>();
    sim.setScenario({
      responder: (r: ResponderRequest) => {
        sawMarker.set(methodOf(r), textOf(r).includes('ARM-SHORT-MARKER'));
        return answerFor(r);
      },
    });
    const run = await onexgen(dir, ['generate', ...specs.map((f) => join(SUITE, f)), '--out', join(dir, 'out'), '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);

    const parsed = experimentSchema.parse(experiment);
    const expected = new Map([...specNames].map(([method, node]) => [method, assignArm(parsed, methodIdentity(node, method)).arm.name]));
    expect(new Set(expected.values())).toEqual(new Set(['control', 'short'])); // both arms in use
    for (const [method, arm] of expected) expect([method, sawMarker.get(method)]).toEqual([method, arm === 'short']);

    // every LLM generation carries the arm its node + method hash to, and that arm's prompt version
    const rows = ((await dumpDatabase(join(dir, 'db'))).rows.llm_generation_metrics as Row[]).filter((r) => r.strategy === 'llm');
    expect(rows.length).toBeGreaterThanOrEqual(specs.length);
    const armOf = (r: Row) => assignArm(parsed, methodIdentity(String(r.service_name), String(r.method_name))).arm.name;
    for (const r of rows) {
      expect([r.service_name, r.method_name, r.experiment_arm]).toEqual([r.service_name, r.method_name, `terse/${armOf(r)}`]);
      expect(String(r.prompt_version)).toMatch(armOf(r) === 'short' ? /^short@[0-9a-f]{12}$/ : /^default@[0-9a-f]{12}$/);
    }

    // a second run: every method gets the same arm again
    sawMarker.clear();
    const again = await onexgen(dir, ['generate', ...specs.map((f) => join(SUITE, f)), '--out', join(dir, 'out2'), '--json', '--no-reuse']);
    expect(again.code).toBe(0);
    for (const [method, arm] of expected) expect([method, sawMarker.get(method)]).toEqual([method, arm === 'short']);

    const byArm = await onexgenDb(dir, ['metrics', '--by', 'arm', '--json']);
    expect(byArm.stderr).toBe('');
    const arms = byArm.json.arms as { label: string; methods: number; generations: number; methodPasses: number }[];
    const count = (arm: string) => rows.filter((r) => armOf(r) === arm).length;
    expect(arms.find((a) => a.label === 'terse/control')).toMatchObject({ methods: count('control'), generations: 2 * count('control'), methodPasses: count('control') });
    expect(arms.find((a) => a.label === 'terse/short')).toMatchObject({ methods: count('short'), generations: 2 * count('short'), methodPasses: count('short') });
    expect(byArm.json.comparisons).toHaveLength(1);
    expect(byArm.json.comparisons[0].verdict).toMatch(/^no significant difference \(100\.0% vs 100\.0%/);
    const text = await onexgenDb(dir, ['metrics', '--by', 'prompt-version']);
    expect(text.stdout).toMatch(/short@[0-9a-f]{12}/);
  }, 600_000);

  test('an arm whose template directory is missing stops the run before any method, naming the arm', async () => {
    const dir = mkdtempSync(join(tmp, 'ab-missing-'));
    writeFileSync(join(dir, 'onexgen.config.yaml'), stringify({ experiments: [{ name: 'terse', arms: [{ name: 'control' }, { name: 'short', templates: 'prompts/nowhere' }] }] }));
    let asked = 0;
    sim.setScenario({ responder: (r: ResponderRequest) => ((asked += 1), answerFor(r)) });
    const run = await onexgen(dir, ['generate', join(SUITE, 'split-payment-compute.yaml'), '--out', join(dir, 'out')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('experiments: terse/short: templates directory');
    expect(asked).toBe(0);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  }, 600_000);
});

describe('eval is a measurement', () => {
  test('no learned template or pattern effectiveness is written unless --learn', async () => {
    sim.setScenario({ responder: answerFor });
    const suite = ['split-payment-compute.yaml', 'rate-window-reducer.yaml'].map((f) => join(SUITE, f));
    const dir = mkdtempSync(join(tmp, 'nolearn-'));
    const run = await onexgen(dir, ['eval', ...suite, '--json']);
    expect(run.stderr).toBe('');
    expect((run.json.arms as { passAt1: { value: number } }[])[0]!.passAt1.value).toBe(1);
    const counts = (await dumpDatabase(join(dir, 'db'))).counts;
    expect(counts.llm_generation_metrics).toBeGreaterThan(0);
    expect([counts.pattern_templates, counts.pattern_usage, counts.pattern_effectiveness]).toEqual([0, 0, 0]);

    const learnDir = mkdtempSync(join(tmp, 'learn-'));
    const learned = await onexgen(learnDir, ['eval', ...suite, '--json', '--learn']);
    expect(learned.stderr).toBe('');
    const after = (await dumpDatabase(join(learnDir, 'db'))).counts;
    expect(after.pattern_templates).toBeGreaterThan(0);
  }, 600_000);
});

describe('multi-pass', () => {
  test('a declared complex method: plan first, the plan in the code prompt, each pass recorded with its cost', async () => {
    const dir = mkdtempSync(join(tmp, 'multi-'));
    const spec = specWith(dir, 'loan-payment-compute.yaml', { monthly_payment_cents: { complexity: 'complex' } });
    const codePrompts: string[] = [];
    sim.setScenario({
      responder: (r: ResponderRequest) => {
        const text = textOf(r);
        if (methodOf(r) !== 'monthly_payment_cents') return answerFor(r);
        if (text.includes('# Plan First')) return fence(JSON.stringify({ steps: ['STEP-MARKER-42: check months', 'amortise'], edge_cases: ['zero rate'], examples: [] }), 'json');
        codePrompts.push(text);
        // the first code answer is wrong (examples fail): the re-ask is the self-review pass
        return codePrompts.length === 1 ? fence('        return None') : answerFor(r);
      },
    });
    const run = await onexgen(dir, ['generate', spec, '--out', join(dir, 'out'), '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(codePrompts).toHaveLength(2);
    for (const p of codePrompts) expect(p).toContain('# Plan (from pass 1)');
    for (const p of codePrompts) expect(p).toContain('1. STEP-MARKER-42: check months');
    const method = methodsOf(run.json).find((m) => m.name === 'monthly_payment_cents')!;
    expect(method).toMatchObject({ verdict: 'passed', attempts: 2, plan: { structured: true } });

    const db = await dumpDatabase(join(dir, 'db'));
    const passes = (db.rows.generation_passes as Row[]).filter((p) => p.method_name === 'monthly_payment_cents').sort((a, b) => Number(a.pass_number) - Number(b.pass_number));
    expect(passes.map((p) => [p.pass_number, p.kind])).toEqual([[1, 'plan'], [2, 'code'], [3, 'self-review']]);
    for (const p of passes) expect(Number(p.tokens_input)).toBeGreaterThan(0);
    const generation = (db.rows.llm_generation_metrics as Row[]).find((g) => g.method_name === 'monthly_payment_cents')!;
    // the method's cost and tokens are its passes' sum: the plan is paid for, not hidden
    expect(Number(generation.cost_micro_usd)).toBe(passes.reduce((s, p) => s + Number(p.cost_micro_usd), 0));
    expect(Number(generation.tokens_input)).toBe(passes.reduce((s, p) => s + Number(p.tokens_input), 0));
    expect(Number(generation.cost_micro_usd)).toBeGreaterThan(0);
    // only the complex method was planned
    expect(new Set((db.rows.generation_passes as Row[]).map((p) => p.method_name))).toEqual(new Set(['monthly_payment_cents']));
  }, 600_000);

  test('generate --strategy multi-pass plans every method the model writes; the text report says so', async () => {
    const dir = mkdtempSync(join(tmp, 'forced-'));
    const planned: string[] = [];
    sim.setScenario({
      responder: (r: ResponderRequest) => {
        if (!textOf(r).includes('# Plan First')) return answerFor(r);
        planned.push(methodOf(r));
        return fence(JSON.stringify({ steps: ['compute the shares'], edge_cases: [], examples: [] }), 'json');
      },
    });
    const run = await onexgen(dir, ['generate', join(SUITE, 'split-payment-compute.yaml'), '--out', join(dir, 'out'), '--strategy', 'multi-pass']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(planned).toContain('split_cents');
    expect(run.stdout).toMatch(/split_cents: passed \(llm, score [0-9.]+, \d+\/\d+ examples, planned first\)/);
    expect(run.stdout.match(/planned first/g)).toHaveLength(planned.length);

    const bogus = await onexgen(dir, ['generate', join(SUITE, 'split-payment-compute.yaml'), '--out', join(dir, 'out2'), '--strategy', 'twice']);
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toContain('--strategy: unknown strategy "twice" (known: single-pass, one-shot, multi-pass, reviewed)');
  }, 600_000);
});

describe('cross-model review', () => {
  const critical = (dir: string) => specWith(dir, 'split-payment-compute.yaml', { split_cents: { critical: true } });
  const DRAFT = (body: string) => body.replace(/^(\s*)/, '$1# draft answer\n$1');

  function reviewScenario(reviews: string[]) {
    const seen = { codePrompts: [] as string[], reviewModels: [] as string[] };
    sim.setScenario({
      responder: (r: ResponderRequest) => {
        const text = textOf(r);
        if (text.includes('# Method under review')) {
          seen.reviewModels.push(r.model);
          return fence(reviews.shift() ?? JSON.stringify({ verdict: 'approve', issues: [] }), 'json');
        }
        if (methodOf(r) !== 'split_cents') return answerFor(r);
        seen.codePrompts.push(text);
        // a draft first (passes every check; only the reviewer objects), the reference once the issues are known
        return text.includes('ISSUE-MARKER') ? answerFor(r) : fence(DRAFT(REFERENCE.split_cents!));
      },
    });
    return seen;
  }
  const REJECT = JSON.stringify({ verdict: 'reject', issues: [{ line: 1, severity: 'high', message: 'ISSUE-MARKER: the remainder goes to the wrong share' }] });

  test('a rejection re-asks with the issues; the approved second answer is written; both reviews recorded', async () => {
    const dir = mkdtempSync(join(tmp, 'review-'));
    writeFileSync(join(dir, 'onexgen.config.yaml'), stringify({ review: { model: 'reviewer-9', provider: 'onexgen' } }));
    const seen = reviewScenario([REJECT]);
    const run = await onexgen(dir, ['generate', critical(dir), '--out', join(dir, 'out'), '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(seen.reviewModels).toEqual(['reviewer-9', 'reviewer-9']);
    expect(seen.codePrompts).toHaveLength(2);
    expect(seen.codePrompts[1]).toContain('A reviewer rejected the previous code');
    expect(seen.codePrompts[1]).toContain('line 1: [high] ISSUE-MARKER');
    const method = methodsOf(run.json).find((m) => m.name === 'split_cents')!;
    expect(method).toMatchObject({ verdict: 'passed', review: { verdict: 'approve', action: 'accept', reasks: 1, model: 'reviewer-9' } });
    const node = readFileSync(join(dir, 'out', readdirSync(join(dir, 'out'))[0]!, 'node.py'), 'utf8');
    expect(node).not.toContain('# draft answer');
    const passes = ((await dumpDatabase(join(dir, 'db'))).rows.generation_passes as Row[]).filter((p) => p.kind === 'review').sort((a, b) => Number(a.pass_number) - Number(b.pass_number));
    expect(passes.map((p) => [p.model, (p.detail as { verdict: string }).verdict])).toEqual([['reviewer-9', 'reject'], ['reviewer-9', 'approve']]);
    expect((passes[0]!.detail as { issues: { line: number }[] }).issues[0]!.line).toBe(1);
  }, 600_000);

  test('onReject: mark keeps the code and marks the method for a person', async () => {
    const dir = mkdtempSync(join(tmp, 'mark-'));
    // the response cache off: the text run below asks (and is rejected) again
    writeFileSync(join(dir, 'onexgen.config.yaml'), stringify({ review: { model: 'reviewer-9', provider: 'onexgen', onReject: 'mark' }, llm: { cache: { enabled: false } } }));
    const seen = reviewScenario([REJECT, REJECT]);
    const run = await onexgen(dir, ['generate', critical(dir), '--out', join(dir, 'out'), '--json']);
    expect(run.code).toBe(0);
    expect(seen.codePrompts).toHaveLength(1);
    const method = methodsOf(run.json).find((m) => m.name === 'split_cents')!;
    expect(method.review).toMatchObject({ verdict: 'reject', action: 'mark', reasks: 0 });
    const node = readFileSync(join(dir, 'out', readdirSync(join(dir, 'out'))[0]!, 'node.py'), 'utf8');
    expect(node).toContain('# draft answer');

    const text = await onexgen(dir, ['generate', critical(dir), '--out', join(dir, 'out-text')]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/split_cents: passed \(llm, .*review by reviewer-9: reject — MARKED for a person to check\)/);
  }, 600_000);
});
