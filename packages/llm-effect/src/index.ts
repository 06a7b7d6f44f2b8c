// Public entry of @onexgen/llm-effect: a multi-tier, multi-provider LLM client.
export { createLLMClient } from './client/client.js';
export type { ClientOptions, LLMClient } from './client/client.js';
export type { LLMStream } from './client/stream.js';
export { probeProviders } from './client/probe.js';
export type { ProviderProbe } from './client/probe.js';

export { llmRequestSchema, llmResponseSchema, usageSchema } from './schemas.js';
export type { LLMResponse, Usage } from './schemas.js';

export { llmConfigSchema, budgetSchema } from './config/schema.js';
export type { Target } from './config/schema.js';
export { DEFAULT_CONFIG } from './config/defaults.js';
export { PUBLIC_BASE_URLS } from './config/public-endpoints.js';
export { deepMerge, resolveLLMConfig } from './config/cascade.js';
export { escalationLadder } from './config/ladder.js';
export type { LLMConfigLayer } from './config/cascade.js';

export { extendCatalog, loadModelCatalog } from './catalog/catalog.js';
export type { ModelCatalog } from './catalog/catalog.js';
export { costMicros, microsToUsd, usdToMicros } from './cost/price.js';

export { MemoryResponseCache } from './cache/cache-store.js';
export type { ResponseCacheStore } from './cache/cache-store.js';
export { cacheKey } from './cache/key.js';
export { MemoryBudgetStore } from './budget/budget-store.js';
export type { BudgetStore } from './budget/budget-store.js';
export { ALERT_LEVELS, crossedLevels, scopeKey } from './budget/tracker.js';
export type { BudgetStatus } from './budget/tracker.js';
export { DEFAULT_METHOD_BUDGET, methodBudget } from './budget/method-budget.js';
export { PoolBudgets, PoolError, periodKey } from './budget/pools.js';
export type { PoolAlert, PoolStatus } from './budget/pools.js';

export type { AttemptEvent, AttemptStatus, LLMEvent } from './events/events.js';

export {
  AbortedError,
  AllTargetsFailedError,
  BudgetExceededError,
  ContextWindowExceededError,
  LLMError,
  LLMValidationError,
  ProviderError,
  StreamError,
} from './errors.js';
export { DATA_DIR } from './data-dir.js';
