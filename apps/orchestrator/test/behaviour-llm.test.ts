// Behaviour-checked generation end to end, in-process from source: llm-sim over real HTTP, the
// sandbox's real child Python, PGlite on disk (one per scenario).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startLlmSim, type LlmSim, type ResponderRequest } from '@onexgen/llm-sim';
import { dumpDatabase } from './helpers/db-dump.js';
import { runInProcess } from './helpers/run-in-process.js';
import { methodOf } from './helpers/sim.js';

const SPEC = fileURLToPath(new URL('../../../examples/specs/invoice-lines-compute.yaml', import.meta.url));
const KEY = 'sk-onexgen-behaviour-SECRET-7777';
const tmp = mkdtempSync(join(tmpdir(), 'onexgen-behaviour-'));
let sim: LlmSim;

const fence = (body: string) => `\`\`\`python\n${body}\n\`\`\``;
const GUARD = [
  'if quantity < 0:',
  '    raise ModelOnexError(message="quantity must not be negative", error_code=EnumCoreErrorCode.INVALID_INPUT)',
];
/** What the docstring asks: truncate. */
const CORRECT = fence([...GUARD, 'return int(unit_price_cents * quantity)'].join('\n'));
/** Rounds where the docstring says fractions never count: 333 * 1.5 = 499.5 → 500. */
const ROUNDS = fence([...GUARD, 'return round(unit_price_cents * quantity)'].join('\n'));
/** Never returns. */
const LOOPS = fence([...GUARD, 'total = 0', 'while total >= 0:', '    total += 1', 'return total'].join('\n'));
const ENTRY = fence(['emit_log_event(LogLevel.INFO, "process called", {"node": "invoice_lines"})', 'return {"operation": "line_total_cents"}'].join('\n'));

/** Per method: the answers in order (the last repeats); the entry method always gets ENTRY. */
function scripted(answers: string[]): (request: ResponderRequest) => string {
  let asked = 0;
  return (request) => (methodOf(request) === 'line_total_cents' ? answers[Math.min(asked++, answers.length - 1)]! : ENTRY);
}

const promptOf = (i: number) => {
  const line = sim.requests.filter((r) => JSON.stringify(r.body).includes('## Method: line_total_cents'))[i];
  return line ? JSON.stringify(line.body) : '';
};

async function generate(dir: string, extra: string[] = []) {
  const run = await runInProcess(
    ['generate', SPEC, '--out', join(dir, 'out'), '--db', join(dir, 'db'), '--json', '--provider', 'openai-compatible', '--base-url', `${sim.url}/v1`, '--model', 'glm-4.5', ...extra],
    { env: { HOME: dir, CI: '1', ONEXGEN_API_KEY: KEY, PATH: process.env.PATH }, cwd: dir },
  );
  return { ...run, json: run.stdout ? JSON.parse(run.stdout) : undefined };
}

type JsonMethod = { name: string; strategy: string; attempts: number; verdict: string; passed: boolean; reason?: string; behaviour?: { status: string; examples: number; passed: number } };
const method = (json: { nodes: { methods: JsonMethod[] }[] }, name: string) => json.nodes.flatMap((n) => n.methods).find((m) => m.name === name)!;

beforeAll(async () => {
  sim = await startLlmSim({ scenario: { responder: scripted([CORRECT]) } });
});
afterAll(async () => {
  await sim.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('behaviour-checked generation', () => {
  test('a rounding answer fails an example; the retry prompt carries it; the truncating answer is injected, learned and reused offline', async () => {
    sim.setScenario({ responder: scripted([ROUNDS, CORRECT]) });
    sim.reset();
    const dir = mkdtempSync(join(tmp, 'retry-'));
    const run = await generate(dir);
    expect(run.stderr).toBe('');
    const m = method(run.json, 'line_total_cents');
    expect(m).toMatchObject({ strategy: 'retry', attempts: 2, verdict: 'passed', passed: true, behaviour: { status: 'ran', examples: 3, passed: 3 } });
    // the second prompt names the failing example, what was expected and what came back — not the transcript
    const retry = promptOf(1);
    expect(retry).toContain('behaviour/example-failed');
    expect(retry).toContain('a fraction of a cent never counts');
    expect(retry).toContain('expected 499');
    expect(retry).toContain('actual: returned 500');
    const node = readFileSync(join(dir, 'out', 'node_invoice_lines_compute', 'node.py'), 'utf8');
    expect(node).toContain('return int(unit_price_cents * quantity)');
    expect(node).not.toContain('round(unit_price_cents');
    const tests = readFileSync(join(dir, 'out', 'node_invoice_lines_compute', 'tests', 'test_node.py'), 'utf8');
    expect(tests.match(/^def test_line_total_cents_example_\d/gm)).toHaveLength(3);
    expect(tests).toContain('assert raised.value.error_code == EnumCoreErrorCode.INVALID_INPUT');
    // per attempt in metrics: attempt 1 failed its examples, attempt 2 passed them
    const db = await dumpDatabase(join(dir, 'db'));
    const history = db.rows.llm_generation_history!.filter((h) => h.method_name === 'line_total_cents').sort((a, b) => Number(a.attempt) - Number(b.attempt));
    expect(history.map((h) => (h.behaviour as { failed: number }).failed)).toEqual([1, 0]);
    // `onexgen history ID` tells the two attempts apart by their examples, with the code each wrote
    const shownHistory = await runInProcess(['history', String(history[0]!.correlation_id), '--db', join(dir, 'db')], { env: { HOME: dir, CI: '1', PATH: process.env.PATH }, cwd: dir });
    expect(shownHistory.code).toBe(0);
    expect(shownHistory.stdout).toMatch(/--- attempt 1: validation failed[^\n]*; examples 2\/3 passed;/);
    expect(shownHistory.stdout).toMatch(/--- attempt 2: validation passed[^\n]*; examples 3\/3 passed;/);
    expect(shownHistory.stdout).toContain('round(unit_price_cents');
    expect(shownHistory.stdout).toContain('return int(unit_price_cents * quantity)');
    const generation = db.rows.llm_generation_metrics!.find((g) => g.method_name === 'line_total_cents')!;
    expect(generation).toMatchObject({ verdict: 'passed', examples_total: 3, examples_passed: 3 });
    const templates = db.rows.pattern_templates!.filter((t) => t.method_name === 'line_total_cents');
    expect(templates).toHaveLength(1);
    expect(templates[0]).toMatchObject({ origin: 'examples', model: 'glm-4.5', checks: expect.arrayContaining(['examples 3/3']) });
    expect(db.text).not.toContain(KEY);
    // offline, the learned template serves the method again, re-checked against the examples
    const offline = await runInProcess(['generate', SPEC, '--out', join(dir, 'out2'), '--db', join(dir, 'db'), '--json', '--offline'], { env: { HOME: dir, CI: '1', PATH: process.env.PATH }, cwd: dir });
    const reused = method(JSON.parse(offline.stdout), 'line_total_cents');
    expect(reused).toMatchObject({ strategy: 'learned_template', verdict: 'passed' });
    expect(reused.reason).toMatch(/^learned template #\d+, 3\/3 examples/);
    // --no-reuse: not served from the template
    const noReuse = await runInProcess(['generate', SPEC, '--out', join(dir, 'out3'), '--db', join(dir, 'db'), '--json', '--offline', '--no-reuse'], { env: { HOME: dir, CI: '1', PATH: process.env.PATH }, cwd: dir });
    expect(method(JSON.parse(noReuse.stdout), 'line_total_cents').strategy).not.toBe('learned_template');

    // the templates CLI: the checked template is reusable; the entry method's (no examples) is pending
    const cli = (...args: string[]) => runInProcess(['templates', ...args, '--db', join(dir, 'db')], { env: { HOME: dir, CI: '1', PATH: process.env.PATH }, cwd: dir });
    const listed = JSON.parse((await cli('list', '--json')).stdout) as { id: number; methodName: string; origin: string; reusable: boolean; checks: string[] }[];
    const checked = listed.find((t) => t.methodName === 'line_total_cents')!;
    const pending = listed.find((t) => t.methodName === 'process')!;
    expect(checked).toMatchObject({ origin: 'examples', reusable: true });
    expect(pending).toMatchObject({ origin: 'pending', reusable: false });
    expect(method(JSON.parse(offline.stdout), 'process').strategy).not.toBe('learned_template');
    const shown = await cli('show', String(checked.id));
    expect(shown.stdout).toContain('by glm-4.5; checks passed: static');
    expect(shown.stdout).toContain('examples 3/3');
    expect((await cli('approve', String(pending.id))).stdout).toContain(`approved template #${pending.id}`);
    const afterApproval = await runInProcess(['generate', SPEC, '--out', join(dir, 'out4'), '--db', join(dir, 'db'), '--json', '--offline'], { env: { HOME: dir, CI: '1', PATH: process.env.PATH }, cwd: dir });
    expect(method(JSON.parse(afterApproval.stdout), 'process')).toMatchObject({ strategy: 'learned_template', verdict: 'passed-static' });
    expect((await cli('forget', String(checked.id))).stdout).toContain(`forgot template #${checked.id}`);
    expect((await cli('show', String(checked.id))).code).toBe(2);
    const afterForget = await runInProcess(['generate', SPEC, '--out', join(dir, 'out5'), '--db', join(dir, 'db'), '--json', '--offline'], { env: { HOME: dir, CI: '1', PATH: process.env.PATH }, cwd: dir });
    expect(method(JSON.parse(afterForget.stdout), 'line_total_cents').strategy).not.toBe('learned_template');
  }, 300_000);

  test('a body that never ends is killed at the limit and retried; the run finishes', async () => {
    sim.setScenario({ responder: scripted([LOOPS, CORRECT]) });
    sim.reset();
    const dir = mkdtempSync(join(tmp, 'loop-'));
    writeFileSync(join(dir, 'onexgen.config.json'), JSON.stringify({ exampleTimeoutMs: 1500 }));
    const run = await generate(dir);
    const m = method(run.json, 'line_total_cents');
    expect(m).toMatchObject({ verdict: 'passed', attempts: 2 });
    expect(promptOf(1)).toContain('behaviour/timeout');
    expect(promptOf(1)).toContain('killed after');
  }, 240_000);

  test('answers that always fail: exit 1, verdict failed, nothing learned, a later offline run reuses nothing', async () => {
    sim.setScenario({ responder: scripted([ROUNDS]) });
    sim.reset();
    const dir = mkdtempSync(join(tmp, 'fail-'));
    const run = await generate(dir);
    expect(run.code).toBe(1);
    const m = method(run.json, 'line_total_cents');
    expect(m).toMatchObject({ verdict: 'failed', passed: false, attempts: 3 });
    const node = readFileSync(join(dir, 'out', 'node_invoice_lines_compute', 'node.py'), 'utf8');
    expect(node).toContain('# IMPLEMENTATION REQUIRED: attempt 3 of 3 failed');
    expect(node).not.toContain('round(unit_price_cents');
    const db = await dumpDatabase(join(dir, 'db'));
    expect((db.rows.pattern_templates ?? []).filter((t) => t.method_name === 'line_total_cents')).toHaveLength(0);
    const offline = await runInProcess(['generate', SPEC, '--out', join(dir, 'out2'), '--db', join(dir, 'db'), '--json', '--offline'], { env: { HOME: dir, CI: '1', PATH: process.env.PATH }, cwd: dir });
    expect(method(JSON.parse(offline.stdout), 'line_total_cents').strategy).not.toBe('learned_template');
    // the fallback bodies are stubs for `onexgen stubs` / `fill`
    const stubs = await runInProcess(['stubs', join(dir, 'out', 'node_invoice_lines_compute', 'node.py'), '--json'], { env: { HOME: dir, CI: '1', PATH: process.env.PATH }, cwd: dir });
    expect(JSON.parse(stubs.stdout).map((s: { method: string }) => s.method)).toContain('line_total_cents');
  }, 240_000);

  test('no Python: verdict unchecked (never passed), one warning', async () => {
    sim.setScenario({ responder: scripted([CORRECT]) });
    sim.reset();
    const dir = mkdtempSync(join(tmp, 'nopython-'));
    const run = await generate(dir, ['--python', join(dir, 'no-such-python')]);
    expect(run.code).toBe(0);
    expect(method(run.json, 'line_total_cents')).toMatchObject({ verdict: 'unchecked', passed: false, behaviour: { status: 'unavailable', examples: 3 } });
    expect(run.stderr.match(/behaviour: spec examples were not run/g)).toHaveLength(1);
  }, 240_000);
});
