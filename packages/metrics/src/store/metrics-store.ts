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
import { timeSeries, type TimeSeriesQuery, type TimeSeriesResult } from '../query/time-series.js';
import { createSpooledWriter, type SpoolOptions, type SpoolStatus } from '../spool/spooled-writer.js';
import { createDirectWriter, type RecordWriter, type StoredIn } from './direct-writer.js';
import type {
  AttemptInput,
  ContextBuildInput,
  PassInput,
  ContextWindowInput,
  FallbackInput,
  FeedbackInput,
  GenerationInput,
  HistoryInput,
  RecordKind,
} from './inputs.js';
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
  recordGeneration(input: GenerationInput): Promise<RecordResult>;
  recordGenerations(inputs: GenerationInput[]): Promise<RecordResult>;
  /**
   * Writes generation rows inside the caller's transaction (never to the spool), so that what was
   * learned from a generation commits with it or not at all. Idempotent with a later
   * recordGenerations of the same rows (unique on correlation id + method).
   */
  recordGenerationsIn(tx: MetricsDb, inputs: GenerationInput[]): Promise<RecordResult>;
  recordAttempt(input: AttemptInput): Promise<RecordResult>;
  recordAttempts(inputs: AttemptInput[]): Promise<RecordResult>;
  recordContextBuild(input: ContextBuildInput): Promise<RecordResult>;
  recordContextBuilds(inputs: ContextBuildInput[]): Promise<RecordResult>;
  /** A multi-pass plan / self-review or a cross-model review of a method, with its cost. */
  recordPass(input: PassInput): Promise<RecordResult>;
  recordPasses(inputs: PassInput[]): Promise<RecordResult>;
  recordFallback(input: FallbackInput): Promise<RecordResult>;
  recordFallbacks(inputs: FallbackInput[]): Promise<RecordResult>;
  recordHistory(input: HistoryInput): Promise<RecordResult>;
  recordHistories(inputs: HistoryInput[]): Promise<RecordResult>;
  /** The user's verdict on a generation (updates its history row). */
  recordFeedback(input: FeedbackInput): Promise<RecordResult>;
  /** Model capabilities and prices (insert or update by provider + model). */
  upsertContextWindows(rows: ContextWindowInput[]): Promise<RecordResult>;
  listContextWindows(): Promise<ContextWindowRow[]>;
  aggregate(query?: AggregateQuery): Promise<AggregateResult>;
  /** Per prompt version or experiment arm: statistics, passes, and each method's latest outcome (prompt A/B). */
  armOutcomes(query: ArmOutcomesQuery): Promise<ArmOutcomes[]>;
  timeSeries(query: TimeSeriesQuery): Promise<TimeSeriesResult>;
  /** Recent generations, newest first, with the feedback given on them. */
  listGenerations(query?: GenerationListQuery): Promise<GenerationListing[]>;
  /** Generations whose id starts with the prefix (two means it is ambiguous). */
  findGenerations(idPrefix: string): Promise<GenerationListing[]>;
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
  const direct = createDirectWriter(handle.db);
  const spooled = options.spool ? await createSpooledWriter(direct, options.spool) : undefined;
  const writer: RecordWriter = spooled ?? direct;

  async function record(kind: RecordKind, inputs: readonly unknown[]): Promise<RecordResult> {
    const rows = normalizeRows(kind, inputs, now);
    const storedIn = await writer.write(kind, rows);
    return { ids: rows.map((r) => r.id).filter((id): id is string => typeof id === 'string'), storedIn };
  }

  return {
    recordGeneration: (input) => record('generation', [input]),
    recordGenerations: (inputs) => record('generation', inputs),
    async recordGenerationsIn(tx, inputs) {
      const rows = normalizeRows('generation', inputs, now);
      const storedIn = await createDirectWriter(tx).write('generation', rows);
      return { ids: rows.map((r) => r.id).filter((id): id is string => typeof id === 'string'), storedIn };
    },
    recordAttempt: (input) => record('attempt', [input]),
    recordAttempts: (inputs) => record('attempt', inputs),
    recordContextBuild: (input) => record('contextBuild', [input]),
    recordContextBuilds: (inputs) => record('contextBuild', inputs),
    recordPass: (input) => record('pass', [input]),
    recordPasses: (inputs) => record('pass', inputs),
    recordFallback: (input) => record('fallback', [input]),
    recordFallbacks: (inputs) => record('fallback', inputs),
    recordHistory: (input) => record('history', [input]),
    recordHistories: (inputs) => record('history', inputs),
    recordFeedback: (input) => record('feedback', [input]),
    upsertContextWindows: (rows) => record('contextWindow', rows),
    listContextWindows: () => listContextWindows(handle.db),
    aggregate: (query = {}) => aggregate(handle.db, query),
    armOutcomes: (query) => armOutcomes(handle.db, query),
    timeSeries: (query) => timeSeries(handle.db, query),
    listGenerations: (query = {}) => listGenerations(handle.db, query),
    findGenerations: (prefix) => findGenerations(handle.db, prefix),
    acceptance: (query = {}) => acceptanceStats(handle.db, query),
    poolSpend: () => poolSpend(handle.db),
    flush: async () => (spooled ? spooled.flush() : undefined),
    spoolStatus: () => spooled?.status(),
    close: async () => spooled?.close(),
  };
}
