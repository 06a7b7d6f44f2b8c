// The typed recording API the app uses. Every record is validated (zod), given its id and time,
// then handed to a writer: straight to the database, or through the spool when one is configured.
import type { DatabaseHandle, MetricsDb } from '../db/open-database.js';
import { aggregate, type AggregateQuery, type AggregateResult } from '../query/aggregate.js';
import { armOutcomes, type ArmOutcomes, type ArmOutcomesQuery } from '../query/arm-outcomes.js';
import { listContextWindows, type ContextWindowRow } from '../query/context-window-stats.js';
import {
  acceptanceStats,
  findGenerations,
  listGenerations,
  poolSpend,
  type AcceptanceStats,
  type GenerationListing,
  type GenerationListQuery,
  type PoolSpendRow,
} from '../query/generations.js';
import type { Filters } from '../query/filters.js';
import { generationAttempts, type GenerationAttempt } from '../query/generation-attempts.js';
import { timeSeries, type TimeSeriesQuery, type TimeSeriesResult } from '../query/time-series.js';
import { createSpooledWriter, type SpoolOptions, type SpoolStatus } from '../spool/spooled-writer.js';
import { createDirectWriter, type RecordWriter, type StoredIn } from './direct-writer.js';
import type { RecordInputs, RecordKind } from './inputs.js';
import { normalizeRows } from './normalize.js';

export interface MetricsStoreOptions {
  /** Keep records in a local append-only file while the database is unreachable. */
  spool?: SpoolOptions;
  /** Clock for createdAt when the input has none (tests pin it). */
  now?: () => Date;
}

export interface RecordResult {
  /** ids of the rows, in input order (empty for feedback and context windows) */
  ids: string[];
  /** where the rows are now: the database, or the spool until it flushes */
  storedIn: StoredIn;
}

export interface MetricsStore {
  /**
   * Records one row or many of a kind: 'generation', 'attempt', 'contextBuild', 'pass' (a
   * multi-pass plan / self-review or a cross-model review, with its cost), 'fallback', 'history',
   * 'feedback' (the user's verdict on a generation: updates its history row) or 'contextWindow'
   * (model capabilities and prices: insert or update by provider + model). All rows are validated
   * before any is written; many rows go in one statement.
   */
  record<K extends RecordKind>(kind: K, rows: RecordInputs[K] | readonly RecordInputs[K][]): Promise<RecordResult>;
  /**
   * The same inside the caller's transaction (never to the spool), so that what was learned from a
   * generation commits with it or not at all. Idempotent with a later record() of the same rows
   * (unique on natural keys).
   */
  recordIn<K extends RecordKind>(tx: MetricsDb, kind: K, rows: RecordInputs[K] | readonly RecordInputs[K][]): Promise<RecordResult>;
  listContextWindows(): Promise<ContextWindowRow[]>;
  aggregate(query?: AggregateQuery): Promise<AggregateResult>;
  /** Per prompt version or experiment arm: statistics, passes, and each method's latest outcome (prompt A/B). */
  armOutcomes(query: ArmOutcomesQuery): Promise<ArmOutcomes[]>;
  timeSeries(query: TimeSeriesQuery): Promise<TimeSeriesResult>;
  /** Recent generations, newest first, with the feedback given on them. */
  listGenerations(query?: GenerationListQuery): Promise<GenerationListing[]>;
  /** Generations whose id starts with the prefix (two means it is ambiguous). */
  findGenerations(idPrefix: string): Promise<GenerationListing[]>;
  /** A generation's model attempts (correlation id): each prompt whole, the code, the verdict. */
  generationAttempts(correlationId: string): Promise<GenerationAttempt[]>;
  /** Acceptance of judged generations by node type and by model. */
  acceptance(query?: Partial<Filters>): Promise<AcceptanceStats>;
  /** Spend per budget pool and period. */
  poolSpend(): Promise<PoolSpendRow[]>;
  /** Push spooled records to the database now (no-op without a spool). */
  flush(): Promise<SpoolStatus | undefined>;
  spoolStatus(): SpoolStatus | undefined;
  /** Stop background flushing and release the spool file; the database handle stays open. */
  close(): Promise<void>;
}

export async function createMetricsStore(handle: DatabaseHandle, options: MetricsStoreOptions = {}): Promise<MetricsStore> {
  const now = options.now ?? (() => new Date());
  // its statements commit on their own (recordIn's run in the caller's transaction, with a writer of their own)
  const direct = createDirectWriter(handle.db, { rememberPromptTexts: true });
  const spooled = options.spool ? await createSpooledWriter(direct, options.spool) : undefined;
  const writer: RecordWriter = spooled ?? direct;

  async function write(to: RecordWriter, kind: RecordKind, input: unknown): Promise<RecordResult> {
    const rows = normalizeRows(kind, Array.isArray(input) ? input : [input], now);
    const storedIn = await to.write(kind, rows);
    return { ids: rows.map((r) => r.id).filter((id): id is string => typeof id === 'string'), storedIn };
  }

  return {
    record: (kind, rows) => write(writer, kind, rows),
    recordIn: (tx, kind, rows) => write(createDirectWriter(tx), kind, rows),
    listContextWindows: () => listContextWindows(handle.db),
    aggregate: (query = {}) => aggregate(handle.db, query),
    armOutcomes: (query) => armOutcomes(handle.db, query),
    timeSeries: (query) => timeSeries(handle.db, query),
    listGenerations: (query = {}) => listGenerations(handle.db, query),
    findGenerations: (prefix) => findGenerations(handle.db, prefix),
    generationAttempts: (correlationId) => generationAttempts(handle.db, correlationId),
    acceptance: (query = {}) => acceptanceStats(handle.db, query),
    poolSpend: () => poolSpend(handle.db),
    flush: async () => (spooled ? spooled.flush() : undefined),
    spoolStatus: () => spooled?.status(),
    close: async () => spooled?.close(),
  };
}
