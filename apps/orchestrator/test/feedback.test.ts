// `onexgen history` and `onexgen feedback` in-process after a real generation (llm-sim over HTTP,
// PGlite on disk): the verdict fills the history's feedback columns, moves the effectiveness of the
// patterns the prompt showed (once per generation), approves / retires the learned template, and
// the HTML report shows acceptance by node type and model.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { startLlmSim, type LlmSim } from '@onexgen/llm-sim';
import { openDatabase } from '@onexgen/metrics';
import { createPatternStore, createTemplateStore } from '@onexgen/pattern-library';
import { runInProcess } from './helpers/run-in-process.js';
import { goodResponder } from './helpers/sim.js';

// each test runs the CLI (database, sandbox, model calls): minutes, not seconds, on a loaded machine
jest.setTimeout(120_000);

const SPEC = fileURLToPath(new URL('../../../examples/specs/postgres-user-store-effect.yaml', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'onexgen-feedback-'));
const db = join(tmp, 'db');
const env = { HOME: tmp, CI: '1', ONEXGEN_API_KEY: 'sk-feedback-test-KEY-1234' };
let sim: LlmSim;

beforeAll(async () => {
  sim = await startLlmSim({ scenario: { responder: goodResponder } });
  const run = await runInProcess(
    ['generate', SPEC, '--out', join(tmp, 'out'), '--db', db, '--json', '--provider', 'openai-compatible', '--base-url', `${sim.url}/v1`, '--model', 'gpt-4o-mini'],
    { env, cwd: tmp },
  );
  expect(run.code).toBe(0);
}, 120_000);
afterAll(async () => {
  await sim.close();
  rmSync(tmp, { recursive: true, force: true });
});

const cli = (argv: string[]) => runInProcess([...argv, '--db', db], { env, cwd: tmp });

type Listing = { id: string; methodName: string; strategy: string; model: string; judgeable: boolean; patternIds: string[]; feedback: { userAccepted: boolean | null; manualEditsRequired: boolean | null; userFeedback: string | null } | null };

async function inspect<T>(work: (handle: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const handle = await openDatabase(db);
  try {
    return await work(handle);
  } finally {
    await handle.close();
  }
}

describe('history and feedback', () => {
  test('history lists the run\'s generations with ids; feedback accept/reject/edited moves columns, effectiveness and templates', async () => {
    const listed = await cli(['history', '--json']);
    expect(listed.code).toBe(0);
    const rows = JSON.parse(listed.stdout) as Listing[];
    const llm = rows.filter((r) => r.judgeable);
    expect(llm.length).toBeGreaterThanOrEqual(3);
    expect(llm.every((r) => r.model === 'gpt-4o-mini' && r.feedback === null)).toBe(true);
    const withPatterns = llm.filter((r) => r.patternIds.length > 0);
    expect(withPatterns.length).toBeGreaterThan(0);
    const text = await cli(['history']);
    expect(text.stdout).toContain(llm[0]!.id.slice(0, 8));

    const [rejected, accepted, edited] = [withPatterns[0]!, ...llm.filter((r) => r !== withPatterns[0]).slice(0, 2)] as Listing[];
    const before = await inspect(async (h) => {
      const templates = await createTemplateStore(h.db).byGeneration(rejected!.id);
      const eff = await createPatternStore(h.db).effectiveness(rejected!.patternIds[0]!);
      return { templates, eff };
    });
    expect(before.templates.length).toBe(1);

    // reject, by an 8-character prefix, with a note
    const r1 = await cli(['feedback', rejected!.id.slice(0, 8), 'reject', '--note', 'wrong table name']);
    expect(r1.stderr).toBe('');
    expect(r1.code).toBe(0);
    expect(r1.stdout).toContain('retired: never reused');
    const afterReject = await inspect(async (h) => ({
      templates: await createTemplateStore(h.db).byGeneration(rejected!.id),
      eff: await createPatternStore(h.db).effectiveness(rejected!.patternIds[0]!),
    }));
    expect(afterReject.templates[0]!.origin).toBe('retired');
    expect(afterReject.eff.uses).toBe(before.eff.uses + 1);
    expect(afterReject.eff.passes).toBe(before.eff.passes);
    expect(afterReject.eff.mean).toBeLessThan(before.eff.mean);

    // changing the verdict later updates the columns and the template, but counts the patterns once
    const r2 = await cli(['feedback', rejected!.id, 'accept', '--json']);
    expect(JSON.parse(r2.stdout)).toMatchObject({ effectivenessCounted: false, templates: [{ origin: 'approved' }] });
    const again = await inspect((h) => createPatternStore(h.db).effectiveness(rejected!.patternIds[0]!));
    expect(again.uses).toBe(afterReject.eff.uses);

    expect((await cli(['feedback', accepted!.id, 'accept'])).code).toBe(0);
    const r3 = await cli(['feedback', edited!.id, 'edited', '--note', 'renamed a variable']);
    expect(r3.code).toBe(0);
    const edTemplates = await inspect((h) => createTemplateStore(h.db).byGeneration(edited!.id));
    for (const t of edTemplates) expect(t.origin).toBe('pending');

    const judged = JSON.parse((await cli(['history', '--json'])).stdout) as Listing[];
    const of = (id: string) => judged.find((r) => r.id === id)!.feedback;
    expect(of(rejected!.id)).toMatchObject({ userAccepted: true, manualEditsRequired: false, userFeedback: 'wrong table name' });
    expect(of(edited!.id)).toMatchObject({ userAccepted: true, manualEditsRequired: true, userFeedback: 'renamed a variable' });

    // the report: 3 judged, all accepted in the end (one after edits)
    const html = join(tmp, 'report.html');
    expect((await cli(['metrics', '--html', html, '--json'])).code).toBe(0);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('<h2>Acceptance by node type</h2>');
    expect(page).toMatch(/<td>effect<\/td><td>3<\/td><td>2<\/td><td>1<\/td><td>0<\/td><td>100\.0%<\/td>/);
    expect(page).toMatch(/<td>gpt-4o-mini<\/td><td>3<\/td>/);
  }, 120_000);

  test('history ID shows a generation\'s attempts: the code written, and with --prompt the whole prompt the model was sent', async () => {
    const rows = JSON.parse((await cli(['history', '--json'])).stdout) as Listing[];
    const g = rows.find((r) => r.judgeable)!;
    const shown = await cli(['history', g.id.slice(0, 8), '--json']);
    expect(shown.code).toBe(0);
    const detail = JSON.parse(shown.stdout) as { id: string; attempts: { methodName: string; attempt: number; prompt: string; systemPrompt: string | null; generatedCode: string; validationPassed: boolean }[] };
    expect(detail.id).toBe(g.id);
    expect(detail.attempts.length).toBeGreaterThanOrEqual(1);
    const sent = sim.requests.map((r) => {
      const messages = (r.body as { messages: { role: string; content: string }[] }).messages;
      return `${messages.find((m) => m.role === 'system')!.content}\n\n${messages.find((m) => m.role === 'user')!.content}`;
    });
    for (const a of detail.attempts) {
      expect(a.methodName).toBe(g.methodName);
      // stored as a shared system prompt plus the rest, shown whole: exactly a request the provider saw
      expect(a.systemPrompt).not.toBeNull();
      expect(sent).toContain(a.prompt);
      expect(a.generatedCode.length).toBeGreaterThan(0);
    }
    const text = await cli(['history', g.id, '--prompt']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`--- attempt 1: validation ${detail.attempts[0]!.validationPassed ? 'passed' : 'failed'}`);
    expect(text.stdout).toContain(detail.attempts[0]!.prompt);
    expect(text.stdout).toContain(detail.attempts[0]!.generatedCode);
    // without --prompt: the code, not the prompt
    const brief = await cli(['history', g.id]);
    expect(brief.stdout).toContain(detail.attempts[0]!.generatedCode);
    expect(brief.stdout).not.toContain(detail.attempts[0]!.prompt);
    expect((await cli(['history', 'zz'])).code).toBe(2);
    expect((await cli(['history', 'ffffffff'])).stderr).toContain('no generation ffffffff');
  });

  test('bad ids, unknown and non-model generations are refused with exit 2', async () => {
    expect((await cli(['feedback', 'zz', 'accept'])).code).toBe(2);
    const unknown = await cli(['feedback', 'ffffffff', 'accept']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no generation ffffffff');
    expect((await cli(['feedback', 'abcd1234', 'maybe'])).code).toBe(2);
    const rows = JSON.parse((await cli(['history', '--json'])).stdout) as Listing[];
    const notModel = rows.find((r) => !r.judgeable);
    if (notModel) {
      const r = await cli(['feedback', notModel.id, 'accept']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('not written by a model');
    }
  });
});
