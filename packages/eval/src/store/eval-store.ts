// Saves an eval run with its samples (one transaction: a run is stored whole or not at all) and
// reads runs back for reports and comparisons. The caller opens and migrates the database.
import { desc, eq, sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { evalSampleSchema, type EvalSample } from '../run/sample.js';
import { evalRuns, evalSamples } from '../schema/eval-runs.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type EvalDb = PgDatabase<PgQueryResultHKT, any>;

export interface EvalRunMeta {
  suite: string;
  label?: string;
  strategies: string[];
  models: string[];
  repeat: number;
  cases: number;
  provider?: string;
}

export interface StoredEvalRun extends EvalRunMeta {
  id: string;
  createdAt: Date;
}

export class EvalRunNotFoundError extends Error {
  readonly code = 'EVAL_RUN_NOT_FOUND';
  constructor(readonly ref: string, detail: string) {
    super(`eval run "${ref}": ${detail}`);
    this.name = 'EvalRunNotFoundError';
  }
}

const BATCH = 500;

export async function saveEvalRun(db: EvalDb, meta: EvalRunMeta, samples: readonly EvalSample[]): Promise<StoredEvalRun> {
  return db.transaction(async (tx) => {
    const [run] = await tx
      .insert(evalRuns)
      .values({ ...meta, label: meta.label ?? null, provider: meta.provider ?? null })
      .returning();
    for (let i = 0; i < samples.length; i += BATCH) {
      const rows = samples.slice(i, i + BATCH).map((s) => ({ ...s, runId: run!.id, promptVersion: s.promptVersion ?? null }));
      if (rows.length) await tx.insert(evalSamples).values(rows);
    }
    return toStored(run!);
  });
}

function toStored(row: typeof evalRuns.$inferSelect): StoredEvalRun {
  return {
    id: row.id,
    createdAt: row.createdAt,
    suite: row.suite,
    ...(row.label ? { label: row.label } : {}),
    strategies: row.strategies,
    models: row.models,
    repeat: row.repeat,
    cases: row.cases,
    ...(row.provider ? { provider: row.provider } : {}),
  };
}

/** A run by its id or a unique prefix of it (as printed: the first 8 characters). */
export async function loadEvalRun(db: EvalDb, ref: string): Promise<{ run: StoredEvalRun; samples: EvalSample[] }> {
  if (!/^[0-9a-f-]{4,36}$/i.test(ref)) throw new EvalRunNotFoundError(ref, 'expected a run id or its first characters (hex)');
  const rows = await db
    .select()
    .from(evalRuns)
    .where(sql`${evalRuns.id}::text LIKE ${`${ref.toLowerCase()}%`}`)
    .limit(2);
  if (rows.length === 0) throw new EvalRunNotFoundError(ref, 'no stored run has this id');
  if (rows.length > 1) throw new EvalRunNotFoundError(ref, 'more than one run starts with this; give more characters');
  const run = toStored(rows[0]!);
  const sampleRows = await db.select().from(evalSamples).where(eq(evalSamples.runId, run.id)).orderBy(evalSamples.repeat, evalSamples.caseName, evalSamples.method);
  const samples = sampleRows.map(({ id: _id, runId: _run, extra: _extra, promptVersion, ...s }) => evalSampleSchema.parse({ ...s, ...(promptVersion ? { promptVersion } : {}) }));
  return { run, samples };
}

export async function listEvalRuns(db: EvalDb, limit = 20): Promise<StoredEvalRun[]> {
  const rows = await db.select().from(evalRuns).orderBy(desc(evalRuns.createdAt)).limit(limit);
  return rows.map(toStored);
}
