// The drizzle schema of @onexgen/metrics, one file per table in schema/ (drizzle-kit reads that folder).
export * from './schema/generation-metrics.js';
export * from './schema/call-attempts.js';
export * from './schema/context-windows.js';
export * from './schema/generation-history.js';
export * from './schema/prompt-texts.js';
export * from './schema/context-builds.js';
export * from './schema/fallback-events.js';
export * from './schema/generation-passes.js';
export * from './schema/llm-effect-stores.js';
export {
  ATTEMPT_STATUSES,
  FALLBACK_GENERATION_STRATEGIES,
  FALLBACK_STRATEGIES,
  GENERATION_STRATEGIES,
} from './schema/vocabulary.js';
export type { AttemptStatus, FallbackStrategy, GenerationStrategy } from './schema/vocabulary.js';
