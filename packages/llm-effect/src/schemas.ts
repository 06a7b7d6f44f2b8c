import { tierSchema } from '@onexgen/onex';
import { z } from 'zod';
import { LLMValidationError } from './errors.js';


export const llmRequestSchema = z
  .object({
    prompt: z.string().min(1, 'prompt must not be empty'),
    systemPrompt: z.string().optional(),
    /** Which tier's provider chain to use (default: the config's defaultTier). */
    tier: tierSchema.optional(),
    /** Model override: tried first, before the tier's chain. */
    model: z.string().min(1).optional(),
    /** Provider for the model override (default: the first provider whose chain or catalog names it). */
    provider: z.string().min(1).optional(),
    maxOutputTokens: z.number().int().positive().optional(),
    temperature: z.number().min(0).max(2).optional(),
    stop: z.array(z.string().min(1)).max(4).optional(),
    correlationId: z.string().min(1).max(200).optional(),
    /** What the call is for (e.g. "generate_method"); reported in events. */
    operationType: z.string().min(1).optional(),
    metadata: z.record(z.string(), z.unknown()).optional(),
    /** false skips the response cache for this request (read and write). */
    cache: z.boolean().optional(),
    /** Budget scope ids for this call (defaults from the config). */
    runId: z.string().min(1).optional(),
    projectId: z.string().min(1).optional(),
  })
  .strict();

export type LLMRequest = z.input<typeof llmRequestSchema>;
export type ParsedLLMRequest = z.output<typeof llmRequestSchema>;

export const FINISH_REASONS = ['stop', 'length', 'content_filter', 'tool_calls', 'cancelled', 'other'] as const;
export type FinishReason = (typeof FINISH_REASONS)[number];

export const usageSchema = z.object({
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  cachedInputTokens: z.number().int().nonnegative(),
  cacheWriteTokens: z.number().int().nonnegative(),
  reasoningTokens: z.number().int().nonnegative(),
});
export type Usage = z.infer<typeof usageSchema>;

export const llmResponseSchema = z.object({
  text: z.string(),
  /** Reasoning / thinking text, kept out of `text`. */
  reasoning: z.string().optional(),
  model: z.string(),
  tier: tierSchema,
  provider: z.string(),
  usage: usageSchema,
  /** True when usage came from counting (the provider did not report it, e.g. an early stop). */
  usageEstimated: z.boolean(),
  latencyMs: z.number().nonnegative(),
  timeToFirstTokenMs: z.number().nonnegative().optional(),
  /** Integer micro-dollars (1 USD = 1,000,000). */
  costMicros: z.number().int().nonnegative(),
  costUsd: z.number().nonnegative(),
  finishReason: z.enum(FINISH_REASONS),
  /** The answer was cut by the output limit (finish reason `length`). */
  truncated: z.boolean(),
  /** HTTP requests made for this call, over all targets and retries (0 on a cache hit). */
  attempts: z.number().int().nonnegative(),
  cacheHit: z.boolean(),
  correlationId: z.string(),
  timestamp: z.string(),
});
export type LLMResponse = z.infer<typeof llmResponseSchema>;

/** zod parse that throws an LLMValidationError naming the first bad field. */
export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new LLMValidationError(what, issue?.path.join('.') ?? '', issue?.message ?? 'invalid');
  }
  return result.data;
}
