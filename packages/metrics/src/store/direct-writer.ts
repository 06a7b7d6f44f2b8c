// Writes normalized rows straight to the database. Inserts are `ON CONFLICT DO NOTHING` on the
// row id and the natural keys, so a retried write (or a spool replayed after a crash) is a no-op.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { MetricsDb } from '../db/open-database.js';
import { callAttempts } from '../schema/call-attempts.js';
import { contextBuilds } from '../schema/context-builds.js';
import { contextWindows } from '../schema/context-windows.js';
import { fallbackEvents } from '../schema/fallback-events.js';
import { generationHistory } from '../schema/generation-history.js';
import { generationMetrics } from '../schema/generation-metrics.js';
import { generationPasses } from '../schema/generation-passes.js';
import { bulkInsert } from './bulk-insert.js';
import type { InsertKind, RecordKind } from './inputs.js';
import type { Row } from './normalize.js';
import { createSystemPromptWriter } from './system-prompts.js';

/** Rows per INSERT statement: large enough to amortise round trips, small enough to keep one JSON payload modest. */
export const INSERT_CHUNK_ROWS = 1000;

export interface RecordWriter {
  /** Resolves with where the rows ended up ('spool' only for the spooled writer). */
  write(kind: RecordKind, rows: Row[]): Promise<StoredIn>;
  /** A cheap round trip: is the database there? */
  ping(): Promise<void>;
}

export type StoredIn = 'database' | 'spool';

const TABLES: Record<InsertKind, PgTable> = {
  generation: generationMetrics,
  attempt: callAttempts,
  contextBuild: contextBuilds,
  pass: generationPasses,
  fallback: fallbackEvents,
  history: generationHistory,
};

export interface DirectWriterOptions {
  /**
   * Send a system prompt this writer already stored only as its hash. Only for a writer whose
   * statements commit on their own: never one over a caller's transaction.
   */
  rememberPromptTexts?: boolean;
}

export function createDirectWriter(db: MetricsDb, options: DirectWriterOptions = {}): RecordWriter {
  const prompts = createSystemPromptWriter(db, { remember: options.rememberPromptTexts ?? false });
  const insert = async (table: PgTable, rows: Row[]): Promise<void> => {
    const chunks: Row[][] = [];
    for (let i = 0; i < rows.length; i += INSERT_CHUNK_ROWS) chunks.push(rows.slice(i, i + INSERT_CHUNK_ROWS));
    if (chunks.length === 1) return bulkInsert(db, table, chunks[0]!);
    // Several statements: all or nothing, so a failure never leaves half a batch behind.
    await db.transaction(async (tx) => {
      for (const chunk of chunks) await bulkInsert(tx, table, chunk);
    });
  };
  return {
    async ping() {
      await db.execute(sql`select 1`);
    },
    async write(kind, rows) {
      if (rows.length === 0) return 'database';
      if (kind === 'feedback') {
        for (const row of rows) await applyFeedback(db, row);
        return 'database';
      }
      if (kind === 'contextWindow') {
        await upsertContextWindows(db, rows);
        return 'database';
      }
      const table = TABLES[kind];
      if (kind === 'history') await prompts.writeHistory(rows, (named) => insert(table, named));
      else await insert(table, rows);
      return 'database';
    },
  };
}

async function applyFeedback(db: MetricsDb, row: Row): Promise<void> {
  const h = generationHistory;
  const set: Record<string, unknown> = {};
  for (const key of ['userAccepted', 'userFeedback', 'manualEditsRequired'] as const) {
    if (row[key] !== undefined) set[key] = row[key];
  }
  const match = and(eq(h.correlationId, row.correlationId as string), eq(h.methodName, row.methodName as string));
  const target =
    row.attempt !== undefined
      ? and(match, eq(h.attempt, row.attempt as number))
      : eq(h.id, sql`(${db.select({ id: h.id }).from(h).where(match).orderBy(desc(h.attempt)).limit(1)})`);
  await db.update(h).set(set).where(target);
}

async function upsertContextWindows(db: MetricsDb, rows: Row[]): Promise<void> {
  const c = contextWindows;
  // One statement cannot update the same key twice: the last row for a (provider, model) wins.
  const latest = new Map(rows.map((r) => [`${String(r.provider)}\u0000${String(r.model)}`, r]));
  await db
    .insert(c)
    .values([...latest.values()] as never)
    .onConflictDoUpdate({
      target: [c.provider, c.model],
      set: {
        tier: sql`excluded.tier`,
        contextWindow: sql`excluded.context_window`,
        maxOutputTokens: sql`excluded.max_output_tokens`,
        inputMicroUsdPerMTok: sql`excluded.input_micro_usd_per_mtok`,
        outputMicroUsdPerMTok: sql`excluded.output_micro_usd_per_mtok`,
        cachedInputMicroUsdPerMTok: sql`excluded.cached_input_micro_usd_per_mtok`,
        supportsStreaming: sql`excluded.supports_streaming`,
        isActive: sql`excluded.is_active`,
        updatedAt: sql`excluded.updated_at`,
      },
    });
}
