// What `onexgen history` and `onexgen feedback` run: metrics lists the generations and keeps the
// verdict; pattern-library turns it into effectiveness and template state.
import { createMetricsStore, type GenerationListing } from '@onexgen/metrics';
import { formatUsd } from '@onexgen/onex';
import { applyGenerationFeedback, type FeedbackVerdict } from '@onexgen/pattern-library';
import { OnexgenError } from '@onexgen/pipeline/errors';
import type { CliIO } from '../io.js';
import { openRecordedDatabase } from '../open-recorded-database.js';
import { redactor } from '../redact.js';
import { configFor } from '../run-pipeline.js';
import { parseSince } from './metrics-run.js';

export interface HistoryOptions {
  limit?: string;
  since?: string;
  /** with an id: print each attempt's whole prompt */
  prompt?: boolean;
  db?: string;
  config?: string;
  json?: boolean;
}

export interface FeedbackOptions {
  note?: string;
  db?: string;
  config?: string;
  json?: boolean;
}

function feedbackLabel(g: GenerationListing): string {
  if (!g.judgeable) return 'n/a';
  if (!g.feedback || g.feedback.userAccepted === null) return '-';
  if (!g.feedback.userAccepted) return 'rejected';
  return g.feedback.manualEditsRequired ? 'edited' : 'accepted';
}

async function withStore<T>(io: CliIO, opts: { db?: string; config?: string }, command: string, work: (store: Awaited<ReturnType<typeof createMetricsStore>>, db: Parameters<typeof applyGenerationFeedback>[0]) => Promise<T>): Promise<T> {
  const loaded = configFor(io, { ...(opts.db ? { db: opts.db } : {}), ...(opts.config ? { config: opts.config } : {}) });
  const handle = await openRecordedDatabase(loaded, io.cwd, command);
  const store = await createMetricsStore(handle);
  try {
    return await work(store, handle.db);
  } finally {
    await store.close();
    await handle.close();
  }
}

export async function runHistory(io: CliIO, opts: HistoryOptions): Promise<void> {
  const limit = opts.limit === undefined ? 20 : Number(opts.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new OnexgenError('USAGE', `--limit: must be a positive integer, got "${opts.limit}"`);
  const since = opts.since ? parseSince(opts.since) : undefined;
  const rows = await withStore(io, opts, 'history', (store) => store.listGenerations({ limit, ...(since ? { since } : {}) }));
  if (opts.json) return void io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
  if (rows.length === 0) return void io.stdout('no generations recorded\n');
  io.stdout(`${'id'.padEnd(8)}  ${'when'.padEnd(16)}  ${'node type'.padEnd(12)}  ${'method'.padEnd(40)}  ${'strategy'.padEnd(17)}  ${'verdict'.padEnd(13)}  ${'model'.padEnd(18)}  ${'cost'.padStart(9)}  feedback\n`);
  for (const g of rows) {
    const method = `${g.serviceName}.${g.methodName}`.slice(0, 40);
    io.stdout(
      `${g.id.slice(0, 8)}  ${g.createdAt.toISOString().slice(0, 16).replace('T', ' ')}  ${g.nodeType.padEnd(12)}  ${method.padEnd(40)}  ${g.strategy.padEnd(17)}  ${(g.verdict ?? '').padEnd(13)}  ${g.model.slice(0, 18).padEnd(18)}  ${formatUsd(g.costMicroUsd).padStart(9)}  ${feedbackLabel(g)}\n`,
    );
  }
}

/** The one generation an id or id prefix names (as `onexgen history` prints them). */
async function oneGeneration(store: Awaited<ReturnType<typeof createMetricsStore>>, id: string): Promise<GenerationListing> {
  if (!/^[0-9a-f-]{4,36}$/i.test(id)) throw new OnexgenError('USAGE', `ID: a generation id or its first 8 characters (see \`onexgen history\`), got "${id}"`);
  const found = await store.findGenerations(id);
  if (found.length === 0) throw new OnexgenError('USAGE', `no generation ${id} (see \`onexgen history\`)`);
  if (found.length > 1) throw new OnexgenError('USAGE', `${id} names more than one generation: give more of the id`);
  return found[0]!;
}

/** `onexgen history ID`: the generation's model attempts, each with its verdict and code (and prompt). */
export async function runHistoryOf(io: CliIO, id: string, opts: HistoryOptions): Promise<void> {
  const { generation: g, attempts } = await withStore(io, opts, 'history', async (store) => {
    const generation = await oneGeneration(store, id);
    return { generation, attempts: (await store.generationAttempts(generation.id)).filter((a) => a.methodName === generation.methodName) };
  });
  if (opts.json) return void io.stdout(`${JSON.stringify({ ...g, attempts }, null, 2)}\n`);
  io.stdout(`${g.id} ${g.serviceName}.${g.methodName} (${g.nodeType}): ${g.strategy}${g.verdict ? `, ${g.verdict}` : ''}, ${g.model}, ${formatUsd(g.costMicroUsd)}\n`);
  if (attempts.length === 0) return void io.stdout(`no model attempt recorded (strategy ${g.strategy}: the code was not written by a model)\n`);
  for (const a of attempts) {
    const score = a.qualityScore === null ? '' : `, score ${a.qualityScore.toFixed(2)}`;
    io.stdout(`\n--- attempt ${a.attempt}: validation ${a.validationPassed ? 'passed' : 'failed'}${score}${behaviourLine(a.behaviour)}; prompt ${a.prompt.length} characters\n`);
    if (opts.prompt) io.stdout(`prompt:\n${a.prompt}\n\ncode:\n`);
    io.stdout(`${a.generatedCode}\n`);
  }
}

/** What the attempt's behaviour check recorded, in a few words: `; examples 2/3 passed`, or `; behaviour unavailable` when none ran. */
function behaviourLine(behaviour: Record<string, unknown> | null): string {
  if (!behaviour) return '';
  const { status, examples, passed } = behaviour as { status?: unknown; examples?: unknown; passed?: unknown };
  return typeof examples === 'number' && examples > 0 ? `; examples ${String(passed)}/${examples} passed` : `; behaviour ${String(status)}`;
}

const COLUMNS: Record<FeedbackVerdict, { userAccepted: boolean; manualEditsRequired?: boolean }> = {
  accept: { userAccepted: true, manualEditsRequired: false },
  edited: { userAccepted: true, manualEditsRequired: true },
  reject: { userAccepted: false },
};

export async function runFeedback(io: CliIO, id: string, verdict: FeedbackVerdict, opts: FeedbackOptions): Promise<void> {
  const result = await withStore(io, opts, 'feedback', async (store, db) => {
    const g = await oneGeneration(store, id);
    if (!g.judgeable) {
      throw new OnexgenError('USAGE', `generation ${g.id.slice(0, 8)} (${g.methodName}) was not written by a model (strategy ${g.strategy}): feedback is for model-written code`);
    }
    const note = opts.note === undefined ? undefined : redactor(io.env)(opts.note);
    await store.record('feedback', { correlationId: g.id, methodName: g.methodName, ...COLUMNS[verdict], ...(note !== undefined ? { userFeedback: note } : {}) });
    const learned = await applyGenerationFeedback(db, { generationId: g.id, verdict, patternIds: g.patternIds });
    return { generation: g, ...learned };
  });
  const g = result.generation;
  if (opts.json) {
    return void io.stdout(
      `${JSON.stringify({ id: g.id, methodName: g.methodName, verdict, effectivenessCounted: result.effectivenessCounted, patterns: result.effectiveness, templates: result.templates.map((t) => ({ id: t.id, origin: t.origin })) }, null, 2)}\n`,
    );
  }
  io.stdout(`${g.id.slice(0, 8)} ${g.serviceName}.${g.methodName}: ${verdict}\n`);
  if (result.effectivenessCounted) {
    for (const e of result.effectiveness) io.stdout(`  pattern ${e.patternId}: expected success ${e.mean.toFixed(3)} (${e.passes}/${e.uses} passed)\n`);
  } else if (g.patternIds.length > 0) {
    io.stdout('  patterns: an earlier verdict on this generation was already counted in their effectiveness\n');
  }
  for (const t of result.templates) {
    const state = t.origin === 'retired' ? 'retired: never reused' : t.origin === 'pending' ? 'pending: reused only once approved' : `${t.origin}: may be reused`;
    io.stdout(`  template #${t.id} (${t.methodName}) ${state}\n`);
  }
}
