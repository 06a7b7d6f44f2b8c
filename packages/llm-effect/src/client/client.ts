import { randomUUID } from 'node:crypto';
import { BudgetTracker, type BudgetStatus } from '../budget/tracker.js';
import { MemoryBudgetStore, type BudgetStore } from '../budget/budget-store.js';
import { MemoryResponseCache, type ResponseCacheStore } from '../cache/cache-store.js';
import { extendCatalog, loadModelCatalog, type ModelCatalog } from '../catalog/catalog.js';
import { resolveLLMConfig, type LLMConfigLayer } from '../config/cascade.js';
import type { BudgetConfig, LLMConfig } from '../config/schema.js';
import { LLMError, LLMValidationError } from '../errors.js';
import { EventHub, type LLMEvent, type LLMEventOf, type LLMEventType } from '../events/events.js';
import { BreakerRegistry, type BreakerSnapshot } from '../policies/breakers.js';
import { BulkheadRegistry, type BulkheadSnapshot } from '../policies/bulkheads.js';
import { RpmLimiter } from '../policies/rate-limit.js';
import { ADAPTERS } from '../providers/registry.js';
import { TIERS, redactionList } from '@onexgen/onex';
import type { LLMRequest, LLMResponse } from '../schemas.js';
import type { ClientContext, ResolvedProvider } from './context.js';
import { generate } from './generate.js';
import { stream, type LLMStream } from './stream.js';

export interface ClientOptions {
  /** Response cache store (default: in-memory LRU sized by config.cache.maxEntries). */
  cacheStore?: ResponseCacheStore;
  /** Budget spend store (default: in memory). */
  budgetStore?: BudgetStore;
  /** Receives every event (attempts, breaker changes, budget alerts, cache hits). */
  onEvent?: (event: LLMEvent) => void;
  /** Where keys and OLLAMA_HOST are read from (default process.env). */
  env?: Record<string, string | undefined>;
  /** A catalog to use instead of the shipped one (config.catalog entries still apply on top). */
  catalog?: ModelCatalog;
  /**
   * Awaited just before each HTTP request (every retry and failover target included), after the
   * attempt is numbered: its `attempt` event carries the same number. A caller that must account
   * for every request even if its process dies mid-request writes its record here (write-ahead)
   * and completes it from the event. If it rejects, the request is not sent.
   */
  beforeAttempt?: (attempt: AttemptStart) => Promise<void>;
}

/** What beforeAttempt is told about the request about to be sent. */
export interface AttemptStart {
  correlationId: string;
  attempt: number;
  tier: string;
  provider: string;
  model: string;
}

export interface CallOptions {
  signal?: AbortSignal;
  /**
   * generate() only: stream the answer and hand each text chunk here as it arrives (a progress
   * display). The call resolves with the same LLMResponse; retry and failover happen before the first
   * chunk, and time to first token is measured.
   */
  onText?: (chunk: string) => void;
}

/** Runs a stream to its end, handing text chunks to onText; the stream's response (or its error). */
async function consume(s: LLMStream, onText: (chunk: string) => void): Promise<LLMResponse> {
  try {
    for await (const chunk of s) if (chunk.type === 'text') onText(chunk.text);
  } catch (error) {
    // the response settles with the same failure: observed here, so it is not reported unhandled
    s.response.catch(() => undefined);
    throw error;
  }
  return s.response;
}

export interface LLMClient {
  generate(request: LLMRequest, options?: CallOptions): Promise<LLMResponse>;
  /** Iterate the result to run it; `response` settles at the end (also after an early `break`). */
  stream(request: LLMRequest, options?: CallOptions): LLMStream;
  on<T extends LLMEventType>(type: T, listener: (event: LLMEventOf<T>) => void): () => void;
  on(type: '*', listener: (event: LLMEvent) => void): () => void;
  /**
   * The configured budget scopes as they stand (`'run'`: this run's view): spent and remaining
   * micro-dollars and tokens, and whether the next call would be refused.
   */
  budgets(scope?: BudgetConfig['scope'], ids?: { runId?: string; projectId?: string }): Promise<BudgetStatus[]>;
  breakers(): BreakerSnapshot[];
  bulkheads(): BulkheadSnapshot[];
  readonly config: LLMConfig;
  /** Ends this client: further calls throw. (Token encoders belong to the process: `freeTokenizers()` from `@onexgen/onex/tokens` on shutdown.) */
  close(): void;
}

function resolveProviders(config: LLMConfig, env: Record<string, string | undefined>): { providers: Map<string, ResolvedProvider>; secrets: string[] } {
  const providers = new Map<string, ResolvedProvider>();
  const secrets: string[] = [];
  for (const [name, pc] of Object.entries(config.providers)) {
    const fromEnv = pc.baseUrlEnv ? env[pc.baseUrlEnv] : undefined;
    if (fromEnv) secrets.push(fromEnv);
    const raw = fromEnv ? (/^https?:\/\//.test(fromEnv) ? fromEnv : `http://${fromEnv}`) : pc.baseUrl;
    if (!raw) throw new LLMValidationError('LLM configuration', `providers.${name}.baseUrl`, 'no baseUrl and no value in baseUrlEnv');
    const apiKey = pc.apiKey ?? (pc.apiKeyEnv ? env[pc.apiKeyEnv] : undefined);
    if (apiKey) secrets.push(apiKey);
    const adapter = ADAPTERS[pc.kind]!;
    providers.set(name, {
      name, config: pc, adapter,
      baseUrl: raw.replace(/\/+$/, ''),
      ...(apiKey ? { apiKey } : {}),
      ...(pc.requestsPerMinute ? { limiter: new RpmLimiter(pc.requestsPerMinute) } : {}),
    });
  }
  for (const tier of TIERS) {
    config.tiers[tier].forEach((t, i) => {
      if (!providers.has(t.provider)) throw new LLMValidationError('LLM configuration', `tiers.${tier}.${i}.provider`, `unknown provider "${t.provider}"`);
    });
  }
  return { providers, secrets: redactionList(secrets) };
}

/**
 * Creates a client. `config` is one layer or a list of cascade layers (`[project, agent]`),
 * deep-merged over the system defaults and validated with zod.
 */
export function createLLMClient(config: LLMConfig | LLMConfigLayer | LLMConfigLayer[] = {}, options: ClientOptions = {}): LLMClient {
  const resolved = Array.isArray(config) ? resolveLLMConfig(...config) : resolveLLMConfig(config as LLMConfigLayer);
  const { providers, secrets } = resolveProviders(resolved, options.env ?? process.env);
  const hub = new EventHub();
  if (options.onEvent) hub.on('*', options.onEvent);
  const catalog = options.catalog ? extendCatalog(options.catalog, resolved.catalog) : loadModelCatalog({ extra: resolved.catalog });
  const ctx: ClientContext = {
    config: resolved,
    catalog,
    providers,
    breakers: new BreakerRegistry(resolved.breaker, (snap) => hub.emit({ type: 'breaker', ...snap, timestamp: new Date().toISOString() })),
    bulkheads: new BulkheadRegistry(),
    ...(resolved.cache.enabled ? { cache: options.cacheStore ?? new MemoryResponseCache(resolved.cache.maxEntries) } : {}),
    budget: new BudgetTracker(resolved.budgets, options.budgetStore ?? new MemoryBudgetStore()),
    hub,
    secrets,
    runId: randomUUID(),
    ...(options.beforeAttempt ? { beforeAttempt: options.beforeAttempt } : {}),
  };
  let closed = false;
  const open = () => {
    if (closed) throw new LLMError('LLM_CLIENT_CLOSED', 'this LLM client was closed; create a new one');
  };
  return {
    config: resolved,
    generate(request, opts = {}) {
      try {
        open();
      } catch (error) {
        return Promise.reject(error);
      }
      if (opts.onText) return consume(stream(ctx, request, opts.signal), opts.onText);
      return generate(ctx, request, opts.signal);
    },
    stream(request, opts = {}) {
      open();
      return stream(ctx, request, opts.signal);
    },
    on: ((type: LLMEventType | '*', listener: (event: LLMEvent) => void) => hub.on(type, listener)) as LLMClient['on'],
    budgets: (scope, ids = {}) =>
      ctx.budget.status({ runId: ids.runId ?? resolved.runId ?? ctx.runId, projectId: ids.projectId ?? resolved.projectId, now: new Date() }, scope),
    breakers: () => ctx.breakers.snapshot(),
    bulkheads: () => ctx.bulkheads.snapshot(),
    close() {
      if (closed) return;
      closed = true;
    },
  };
}
