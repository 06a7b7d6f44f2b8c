import type { BudgetTracker } from '../budget/tracker.js';
import type { ResponseCacheStore } from '../cache/cache-store.js';
import type { ModelCatalog } from '../catalog/catalog.js';
import type { LLMConfig, ProviderConfig } from '../config/schema.js';
import type { EventHub } from '../events/events.js';
import type { BreakerRegistry } from '../policies/breakers.js';
import type { BulkheadRegistry } from '../policies/bulkheads.js';
import type { RpmLimiter } from '../policies/rate-limit.js';
import type { ProviderAdapter } from '../providers/types.js';

export interface ResolvedProvider {
  name: string;
  config: ProviderConfig;
  adapter: ProviderAdapter;
  /** Without a trailing slash. */
  baseUrl: string;
  apiKey?: string;
  limiter?: RpmLimiter;
}

/** Everything a call needs, shared by all calls of one client. */
export interface ClientContext {
  config: LLMConfig;
  catalog: ModelCatalog;
  providers: Map<string, ResolvedProvider>;
  breakers: BreakerRegistry;
  bulkheads: BulkheadRegistry;
  cache?: ResponseCacheStore;
  budget: BudgetTracker;
  hub: EventHub;
  /** Key and host values scrubbed from every message. */
  secrets: string[];
  /** Run id for budgets when neither request nor config gives one. */
  runId: string;
  /** ClientOptions.beforeAttempt */
  beforeAttempt?: (attempt: { correlationId: string; attempt: number; tier: string; provider: string; model: string }) => Promise<void>;
}
