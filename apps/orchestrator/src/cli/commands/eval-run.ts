// What `onexgen eval` and `onexgen eval-report` run (loaded when the command runs).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadEvalRun, renderEvalHtml, renderEvalText, runEval, saveEvalRun, summarize, type EvalArm, type EvalSample, type EvalSummary, type ReportHeader, type StoredEvalRun } from '@onexgen/eval';
import { writeFileAtomic } from '@onexgen/node-source';
import { OnexgenError } from '@onexgen/pipeline/errors';
import { runCase } from '../../eval/run-case.js';
import { parseStrategyList } from '../../eval/strategies.js';
import { loadSuite } from '../../eval/suite.js';
import { openDatabaseFor } from '@onexgen/pipeline/database';
import { openRunSession } from '../../run/open-run-session.js';
import type { CommonOptions } from '../common-options.js';
import type { CliIO } from '../io.js';
import { assertKeysPresent } from '../missing-key.js';
import { llmSetup } from '../../llm/llm-layers.js';
import { openRecordedDatabase } from '../open-recorded-database.js';
import { redactor } from '../redact.js';
import type { RunState } from '../run-state.js';
import { configFor } from '../run-pipeline.js';
import { freeEncodersAtExit } from '../free-encoders.js';

export interface EvalOptions {
  strategy?: string[];
  models?: string;
  repeat: string;
  label?: string;
  html?: string;
  learn?: boolean;
}

export interface EvalReportOptions {
  db?: string;
  config?: string;
  json?: boolean;
  html?: string;
}

function repeatOf(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100) throw new OnexgenError('USAGE', `--repeat: must be an integer from 1 to 100, got "${value}"`);
  return n;
}

async function emit(io: CliIO, summary: EvalSummary, header: ReportHeader, opts: { json?: boolean; html?: string }, extra: Record<string, unknown>): Promise<void> {
  if (opts.html) {
    const file = resolve(io.cwd, opts.html);
    await writeFileAtomic(file, renderEvalHtml(summary, header));
    if (!opts.json) io.stdout(`wrote ${file}\n`);
  }
  io.stdout(opts.json ? `${JSON.stringify({ ...extra, ...summary }, null, 2)}\n` : renderEvalText(summary, header));
}

export async function runEvalCommand(io: CliIO, state: RunState, suite: string[], opts: CommonOptions & EvalOptions): Promise<void> {
  freeEncodersAtExit(); // this command counts tokens
  const repeat = repeatOf(opts.repeat);
  const strategies = parseStrategyList(opts.strategy);
  const models = (opts.models ?? '').split(',').map((m) => m.trim()).filter(Boolean);
  if (opts.offline) throw new OnexgenError('USAGE', 'eval: --offline measures no model; configure a provider');
  // a cached answer is not a new sample: the eval asks the model every time
  const configured = configFor(io, opts);
  const loaded = { ...configured, llmLayers: [...configured.llmLayers, { cache: { enabled: false } }] };
  const setup = llmSetup(loaded, io.env, 'key-check');
  if (!setup) throw new OnexgenError('USAGE', 'eval needs a model: configure a provider (--provider/--base-url or an API key)');
  assertKeysPresent(loaded, setup, io.env);
  const cases = await loadSuite(io, suite);
  const arms: EvalArm[] = strategies.flatMap((s) => (models.length ? models.map((model) => ({ strategy: s.name, model })) : [{ strategy: s.name }]));
  const outRoot = mkdtempSync(join(tmpdir(), 'onexgen-eval-'));
  const session = await openRunSession({ loaded, env: io.env, cwd: io.cwd, ...(io.signal ? { signal: io.signal } : {}), redact: redactor(io.env) });
  let samples: EvalSample[];
  try {
    samples = await runEval({
      cases,
      arms,
      repeat,
      runCase: (c, arm, r) => runCase(session, c, arm, r, outRoot, { learn: opts.learn === true }),
      ...(io.signal ? { signal: io.signal } : {}),
      onProgress: opts.json ? undefined : (done, total, c, arm) => io.stderr(`[${done}/${total}] ${c.name} · ${arm.strategy}${arm.model ? ` · ${arm.model}` : ''}\n`),
    });
  } finally {
    await session.close();
    rmSync(outRoot, { recursive: true, force: true });
  }
  for (const w of [...session.recorder.warnings, ...session.learning.warnings]) io.stderr(`warning: ${w}\n`);
  const meta = {
    suite: suite.join(' '),
    ...(opts.label ? { label: opts.label } : {}),
    strategies: strategies.map((s) => s.name),
    models: models.length ? models : [loaded.config.model ?? 'default'],
    repeat,
    cases: cases.length,
    ...(session.model ? { provider: session.model.describe } : {}),
  };
  const stored = await storeRun(loaded.config.db, io.cwd, meta, samples);
  const summary = summarize(samples);
  const header = headerOf(stored ? [stored] : [], `${cases.length} spec(s), repeat ${repeat}${stored ? '' : ' · not stored (memory://)'}`);
  await emit(io, summary, header, opts, { runId: stored?.id ?? null, samples: samples.length });
  state.exitCode = 0;
}

/** Saved in the run's database; memory:// keeps nothing, so nothing is saved there. */
async function storeRun(db: string | undefined, cwd: string, meta: Parameters<typeof saveEvalRun>[1], samples: EvalSample[]): Promise<StoredEvalRun | undefined> {
  if (db?.startsWith('memory://')) return undefined;
  const handle = await openDatabaseFor(db, cwd);
  try {
    return await saveEvalRun(handle.db, meta, samples);
  } finally {
    await handle.close();
  }
}

function headerOf(runs: StoredEvalRun[], detail: string): ReportHeader {
  return {
    title: 'onexgen eval',
    lines: [...runs.map((r) => `run ${r.id.slice(0, 8)} · ${r.suite}${r.label ? ` · ${r.label}` : ''} · ${r.createdAt.toISOString()}${r.provider ? ` · ${r.provider}` : ''}`), detail],
  };
}

export async function runEvalReport(io: CliIO, runs: string[], opts: EvalReportOptions): Promise<void> {
  const loaded = configFor(io, { ...(opts.db ? { db: opts.db } : {}), ...(opts.config ? { config: opts.config } : {}) });
  const handle = await openRecordedDatabase(loaded, io.cwd, 'eval-report');
  try {
    const found = [];
    for (const ref of runs) {
      try {
        found.push(await loadEvalRun(handle.db, ref));
      } catch (err) {
        throw new OnexgenError('USAGE', (err as Error).message, { cause: err });
      }
    }
    // several runs: each arm is named by its run so the same strategy in two runs stays two arms
    const samples = found.flatMap(({ run, samples: s }) => (found.length > 1 ? s.map((x) => ({ ...x, strategy: `${run.id.slice(0, 8)}:${x.strategy}` })) : s));
    await emit(io, summarize(samples), headerOf(found.map((f) => f.run), `${found.length} stored run(s)`), opts, { runs: found.map((f) => f.run) });
  } finally {
    await handle.close();
  }
}
