import { z } from 'zod';
import { tierSchema } from '@onexgen/onex';

export const PROVIDER_KINDS = ['openai-compatible', 'anthropic', 'gemini', 'ollama'] as const;

export const providerConfigSchema = z
  .object({
    kind: z.enum(PROVIDER_KINDS),
    /** e.g. https://api.z.ai/api/paas/v4 — tests point this at llm-sim. */
    baseUrl: z.string().url().optional(),
    /** Environment variable holding the base URL (OLLAMA_HOST); used when baseUrl is unset. */
    baseUrlEnv: z.string().optional(),
    /** Prefer apiKeyEnv; a key given here is still never logged or emitted. */
    apiKey: z.string().min(1).optional(),
    /** Environment variable holding the API key (ZAI_API_KEY, OPENAI_API_KEY, ...). */
    apiKeyEnv: z.string().optional(),
    /** Extra headers sent with every request (e.g. anthropic-version, OpenRouter's HTTP-Referer). */
    headers: z.record(z.string(), z.string()).default({}),
    /** Bulkhead: at most this many requests in flight to this provider. */
    maxConcurrent: z.number().int().positive().default(8),
    /** Bulkhead queue: calls waiting for a slot beyond this are refused (bulkhead_full). */
    maxQueued: z.number().int().nonnegative().default(10_000),
    /** OpenAI-compatible only: the output-limit field (OpenAI's o-series accept only max_completion_tokens). */
    maxTokensParam: z.enum(['max_tokens', 'max_completion_tokens']).optional(),
    /** Optional requests-per-minute limit (sliding window); calls wait for a free slot. */
    requestsPerMinute: z.number().int().positive().optional(),
  })
  .strict();

export const targetSchema = z.object({ provider: z.string().min(1), model: z.string().min(1) }).strict();

const priceSchema = z
  .object({
    input: z.number().nonnegative(),
    output: z.number().nonnegative(),
    cachedInput: z.number().nonnegative().optional(),
    cacheWrite: z.number().nonnegative().optional(),
  })
  .strict();

export const catalogEntrySchema = z
  .object({
    provider: z.string().optional(),
    contextWindow: z.number().int().positive(),
    maxOutput: z.number().int().positive(),
    /** tiktoken encoding used to count this model's prompt (default cl100k_base). */
    tokenizer: z.enum(['cl100k_base', 'o200k_base']).default('cl100k_base'),
    /** USD per million tokens. */
    prices: priceSchema,
  })
  .strict();

export const budgetSchema = z
  .object({
    scope: z.enum(['run', 'project', 'day', 'month']),
    /** the scope's money (a person's dollars; kept and compared as integer micro-dollars) */
    limitUsd: z.number().positive().optional(),
    /** the scope's tokens (prompt + completion, every answered call) */
    limitTokens: z.number().int().positive().optional(),
    /** Refuse calls once the scope has spent its limit (default true). */
    hardStop: z.boolean().default(true),
  })
  .strict()
  .refine((b) => b.limitUsd !== undefined || b.limitTokens !== undefined, { message: 'needs limitUsd or limitTokens', path: ['limitUsd'] });

export const llmConfigSchema = z
  .object({
    providers: z.record(z.string(), providerConfigSchema),
    /** Each tier's ordered chain of targets: the first healthy one answers, the rest are failover. */
    tiers: z.object({ local: z.array(targetSchema), cloud_fast: z.array(targetSchema), cloud_premium: z.array(targetSchema) }).strict(),
    defaultTier: tierSchema.default('cloud_fast'),
    /** When a tier's whole chain fails, try the next tier up (local → cloud_fast → cloud_premium). */
    escalate: z.boolean().default(false),
    retry: z
      .object({
        /** Retries per target after the first request (ky `retry.limit`). */
        maxRetries: z.number().int().nonnegative().default(3),
        /** Backoff: full jitter over min(maxDelayMs, baseDelayMs * 2^(n-1)). */
        baseDelayMs: z.number().int().nonnegative().default(500),
        maxDelayMs: z.number().int().nonnegative().default(20_000),
        /** No retry is started that could end after this much time since the call began. */
        totalBudgetMs: z.number().int().positive().default(60_000),
        /** A server-requested wait longer than this is not waited for: the target fails over instead. */
        maxRetryAfterMs: z.number().int().nonnegative().default(30_000),
      })
      .strict()
      .prefault({}),
    timeouts: z
      .object({
        /** Per HTTP request until the response headers arrive. */
        requestMs: z.number().int().positive().default(120_000),
        /** Streaming: longest silence allowed between two chunks. */
        streamIdleMs: z.number().int().positive().default(30_000),
      })
      .strict()
      .prefault({}),
    breaker: z
      .object({
        /** Consecutive failed calls that open a target's circuit. */
        failureThreshold: z.number().int().positive().default(5),
        /** After this long open, one probe call is let through (half-open). */
        halfOpenAfterMs: z.number().int().positive().default(30_000),
      })
      .strict()
      .prefault({}),
    cache: z
      .object({
        enabled: z.boolean().default(true),
        ttlSeconds: z.number().int().positive().default(86_400),
        /** Entries kept by the built-in in-memory LRU store. */
        maxEntries: z.number().int().positive().default(1_000),
      })
      .strict()
      .prefault({}),
    budgets: z.array(budgetSchema).default([]),
    /** Scope ids for budgets when the request does not give them. */
    projectId: z.string().min(1).default('default'),
    runId: z.string().min(1).optional(),
    defaults: z
      .object({
        maxOutputTokens: z.number().int().positive().default(4_096),
        temperature: z.number().min(0).max(2).optional(),
        /** System prompt used when the request has none. */
        systemPrompt: z.string().optional(),
      })
      .strict()
      .prefault({}),
    /** Extra or overriding model catalog entries, keyed by model id. */
    catalog: z.record(z.string(), catalogEntrySchema).default({}),
  })
  .strict();

export type LLMConfigInput = z.input<typeof llmConfigSchema>;
export type LLMConfig = z.output<typeof llmConfigSchema>;
export type ProviderConfig = z.output<typeof providerConfigSchema>;
export type Target = z.output<typeof targetSchema>;
export type BudgetConfig = z.output<typeof budgetSchema>;
export type CatalogEntryInput = z.input<typeof catalogEntrySchema>;
