// Public entry of @onexgen/metrics: the database opener and migrator, the recording store with its
// spool, aggregates and time series, database-backed stores for llm-effect, and the reports.
export { openDatabase, DEFAULT_EMBEDDED_PATH } from './db/open-database.js';
export type { DatabaseHandle, MetricsDb, OpenDatabaseOptions } from './db/open-database.js';
export { migrate, migrationStatus } from './db/migrate.js';
export type { MigrateOptions, MigrateResult, MigrationStatus } from './db/migrate.js';
export { findMigrationsDir } from './migrations-dir.js';

export { createMetricsStore } from './store/metrics-store.js';
export type { MetricsStore, MetricsStoreOptions, RecordResult } from './store/metrics-store.js';
export type { StoredIn } from './store/direct-writer.js';
export {
  attemptInput,
  contextBuildInput,
  contextWindowInput,
  fallbackInput,
  feedbackInput,
  generationInput,
  historyInput,
  passInput,
} from './store/inputs.js';
export type {
  AttemptInput,
  ContextBuildInput,
  ContextWindowInput,
  FallbackInput,
  FeedbackInput,
  GenerationInput,
  HistoryInput,
  PassInput,
  RecordInputs,
  RecordKind,
} from './store/inputs.js';
export type { SpoolOptions, SpoolStatus } from './spool/spooled-writer.js';

export type { AggregateQuery, AggregateResult, AttemptStats } from './query/aggregate.js';
export type { GenerationStats } from './query/generation-stats.js';
export { ARM_DIMENSIONS } from './query/arm-outcomes.js';
export type { ArmDimension, ArmOutcomes, ArmOutcomesQuery, MethodOutcome } from './query/arm-outcomes.js';
export type { ContextBuildStats } from './query/context-build-stats.js';
export type { Dimension, Filters, Percentiles } from './query/filters.js';
export type { TimeSeriesQuery, TimeSeriesResult, GenerationPoint, AttemptPoint } from './query/time-series.js';
export type { ContextWindowRow } from './query/context-window-stats.js';
export type { AcceptanceRow, AcceptanceStats, GenerationListing, GenerationListQuery, PoolSpendRow } from './query/generations.js';

export * from './tables.js';
export {
  MetricsError,
  DatabaseConnectionError,
  InvalidRecordError,
  SpoolFullError,
} from './errors.js';
export type { MetricsErrorCode } from './errors.js';

export { createResponseCacheStore } from './llm-stores/response-cache-store.js';
export type { CacheEntryInput, CachedResponse, ResponseCacheStore } from './llm-stores/response-cache-store.js';
export { liveCacheKeys } from './llm-stores/response-cache-keys.js';
export { createBudgetSpendStore } from './llm-stores/budget-spend-store.js';
export type { BudgetSpendStore } from './llm-stores/budget-spend-store.js';
export { createBudgetPoolStore } from './llm-stores/budget-pool-store.js';
export type { BudgetPoolStore, PoolInput, StoredPool } from './llm-stores/budget-pool-store.js';

export { collectReportData } from './report/report-data.js';
export type { ReportData, ReportQuery } from './report/report-data.js';
export { renderReport, REPORT_STYLE } from './report/html-report.js';
export { escapeHtml, pct as formatPercent, usd as formatMicroUsd, ms as formatMs } from './report/format.js';
export { renderTextReport } from './report/text-report.js';
