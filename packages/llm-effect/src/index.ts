// Public entry of @onexgen/llm-effect: a multi-tier, multi-provider LLM client.
export { createLLMClient } from './client/client.js';
export type { AttemptStart, CallOptions, ClientOptions, LLMClient } from './client/client.js';
export type { LLMStream, LLMStreamChunk } from './client/stream.js';
export { probeProviders } from './client/probe.js';
export type { ProbeOptions, ProviderProbe } from './client/probe.js';

export { llmRequestSchema, llmResponseSchema, usageSchema, FINISH_REASONS } from './schemas.js';
export type { FinishReason, LLMRequest, LLMResponse, ParsedLLMRequest, Usage } from './schemas.js';

export { llmConfigSchema, providerConfigSchema, targetSchema, budgetSchema, catalogEntrySchema, PROVIDER_KINDS } from './config/schema.js';
export type { BudgetConfig, CatalogEntryInput, LLMConfig, LLMConfigInput, ProviderConfig, Target } from './config/schema.js';
export { DEFAULT_CONFIG } from './config/defaults.js';
export { PUBLIC_BASE_URLS } from './config/public-endpoints.js';
export { deepMerge, resolveLLMConfig } from './config/cascade.js';
export { escalationLadder } from './config/ladder.js';
export type { LLMConfigLayer } from './config/cascade.js';

export { extendCatalog, loadModelCatalog } from './catalog/catalog.js';
export type { CatalogEntry, ModelCatalog } from './catalog/catalog.js';
export { costMicros, microsToUsd, usdToMicros } from './cost/price.js';

export { MemoryResponseCache } from './cache/cache-store.js';
export type { CacheEntryMeta, ResponseCacheStore } from './cache/cache-store.js';
export { cacheKey } from './cache/key.js';
export { MemoryBudgetStore } from './budget/budget-store.js';
export type { BudgetStore } from './budget/budget-store.js';
export { ALERT_LEVELS, crossedLevels, scopeKey } from './budget/tracker.js';
export type { AlertLevel, BudgetAlert, BudgetStatus } from './budget/tracker.js';
export { DEFAULT_METHOD_BUDGET, methodBudget } from './budget/method-budget.js';
export type { MethodBudget } from './budget/method-budget.js';
export { PoolBudgets, PoolError, periodKey, poolSchema, poolsSchema, POOL_PERIODS } from './budget/pools.js';
export type { Admission, PoolAlert, PoolConfig, PoolConfigInput, PoolPeriod, PoolStatus } from './budget/pools.js';

export type { AttemptEvent, AttemptStatus, BreakerEvent, BudgetAlertEvent, CacheHitEvent, LLMEvent, LLMEventType } from './events/events.js';
export type { BreakerSnapshot, BreakerState } from './policies/breakers.js';
export type { BulkheadSnapshot } from './policies/bulkheads.js';

export {
  AbortedError, AllTargetsFailedError, BudgetExceededError, ContextWindowExceededError, LLMError,
  LLMValidationError, ProviderError, StreamError, isRetryableClass,
} from './errors.js';
export type { ErrorClass, TargetFailure } from './errors.js';
export { DATA_DIR } from './data-dir.js';
