// Public entry of @onexgen/metrics: the database opener and migrator, the recording store with its
// spool, aggregates and time series, database-backed stores for llm-effect, and the reports.
export { openDatabase, DEFAULT_EMBEDDED_PATH } from './db/open-database.js';
export type { DatabaseHandle, MetricsDb } from './db/open-database.js';
export { migrate, migrationStatus } from './db/migrate.js';

export { createMetricsStore } from './store/metrics-store.js';
export type { MetricsStore } from './store/metrics-store.js';
export { attemptInput, generationInput } from './store/inputs.js';
export { bulkInsert } from './store/bulk-insert.js';
export type {
  AttemptInput,
  ContextBuildInput,
  FallbackInput,
  GenerationInput,
  HistoryInput,
  PassInput,
  RecordInputs,
  RecordKind,
} from './store/inputs.js';

export type { AggregateResult } from './query/aggregate.js';
export type { ArmDimension, ArmOutcomes, MethodOutcome } from './query/arm-outcomes.js';
export type { TimeSeriesResult } from './query/time-series.js';
export type { GenerationListing } from './query/generations.js';
export type { GenerationAttempt } from './query/generation-attempts.js';

export * from './tables.js';
export {
  MetricsError,
  DatabaseConnectionError,
  InvalidRecordError,
  SpoolFullError,
} from './errors.js';

export { createResponseCacheStore } from './llm-stores/response-cache-store.js';
export type { CacheEntryInput, ResponseCacheStore } from './llm-stores/response-cache-store.js';
export { liveCacheKeys } from './llm-stores/response-cache-keys.js';
export { createBudgetSpendStore } from './llm-stores/budget-spend-store.js';
export { createBudgetPoolStore } from './llm-stores/budget-pool-store.js';
export type { StoredPool } from './llm-stores/budget-pool-store.js';

export { collectReportData } from './report/report-data.js';
export type { ReportData } from './report/report-data.js';
export { renderReport, REPORT_STYLE } from './report/html-report.js';
export { escapeHtml, pct as formatPercent, usd as formatMicroUsd, ms as formatMs } from './report/format.js';
export { renderTextReport } from './report/text-report.js';
