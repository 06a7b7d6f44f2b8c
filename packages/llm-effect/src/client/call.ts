import { randomUUID } from 'node:crypto';
import { BrokenCircuitError, BulkheadRejectedError, TaskCancelledError } from 'cockatiel';
import { cacheKey } from '../cache/key.js';
import type { ScopeIds } from '../budget/tracker.js';
import { costMicros, microsToUsd } from '../cost/price.js';
import {
  AbortedError, AllTargetsFailedError, ContextWindowExceededError, LLMError, ProviderError, scrubSecrets,
  type ErrorClass, type TargetFailure,
} from '../errors.js';
import { genAiAttributes, type AttemptEvent } from '../events/events.js';
import type { ProviderCall } from '../providers/types.js';
import { llmRequestSchema, parseOrThrow, type FinishReason, type LLMRequest, type LLMResponse, type ParsedLLMRequest, type Usage } from '../schemas.js';
import { countTokens } from '@onexgen/onex/tokens';
import type { ClientContext } from './context.js';
import { planTargets, prepareCall, type PlannedTarget, type PreparedCall } from './plan.js';

/**
 * Stands in for "no signal": one shared instance, because creating an AbortSignal per call costs
 * measurable time in Node 20, and ky skips its own AbortSignal.any() when given none.
 */
export const NEVER_ABORTED: AbortSignal = new AbortController().signal;

/** State of one generate/stream call across all its targets. */
export interface CallState {
  ctx: ClientContext;
  req: ParsedLLMRequest;
  correlationId: string;
  startedAt: number;
  signal: AbortSignal;
  stream: boolean;
  attempts: number;
  failures: TargetFailure[];
  refusals: ContextWindowExceededError[];
  base: Omit<ProviderCall, 'model' | 'numCtx'>;
  ids: ScopeIds;
  plan: PlannedTarget[];
  cacheKey?: string;
}

export async function beginCall(ctx: ClientContext, request: LLMRequest, signal: AbortSignal | undefined, stream: boolean): Promise<CallState> {
  const req = parseOrThrow(llmRequestSchema, request, 'LLM request');
  const effective = signal ?? NEVER_ABORTED;
  if (effective.aborted) throw new AbortedError();
  const system = req.systemPrompt ?? ctx.config.defaults.systemPrompt;
  const temperature = req.temperature ?? ctx.config.defaults.temperature;
  const base = {
    prompt: req.prompt,
    maxOutputTokens: req.maxOutputTokens ?? ctx.config.defaults.maxOutputTokens,
    ...(system !== undefined ? { system } : {}),
    ...(temperature !== undefined ? { temperature } : {}),
    ...(req.stop ? { stop: req.stop } : {}),
  };
  const ids: ScopeIds = { runId: req.runId ?? ctx.config.runId ?? ctx.runId, projectId: req.projectId ?? ctx.config.projectId, now: new Date() };
  await ctx.budget.check(ids);
  const plan = planTargets(ctx, req);
  const useCache = ctx.cache !== undefined && ctx.config.cache.enabled && req.cache !== false;
  return {
    ctx, req, stream, base, ids, plan,
    correlationId: req.correlationId ?? randomUUID(),
    startedAt: performance.now(),
    signal: effective,
    attempts: 0,
    failures: [],
    refusals: [],
    ...(useCache ? { cacheKey: cacheKey({ ...base, targets: plan.map((t) => ({ provider: t.provider.name, model: t.model })) }) } : {}),
  };
}

type AttemptFields = Partial<Omit<AttemptEvent, 'type' | 'attributes' | 'correlationId' | 'tier' | 'provider' | 'model' | 'stream'>> & {
  status: AttemptEvent['status'];
  latencyMs: number;
};

export function emitAttempt(s: CallState, target: PlannedTarget, fields: AttemptFields, responseModel?: string): void {
  const event: Omit<AttemptEvent, 'attributes' | 'type'> = {
    correlationId: s.correlationId,
    ...(s.req.operationType ? { operationType: s.req.operationType } : {}),
    attempt: s.attempts,
    tier: target.tier,
    provider: target.provider.name,
    model: target.model,
    stream: s.stream,
    inputTokens: 0,
    outputTokens: 0,
    cachedInputTokens: 0,
    reasoningTokens: 0,
    costMicros: 0,
    timestamp: new Date().toISOString(),
    ...fields,
  };
  s.ctx.hub.emit({ type: 'attempt', ...event, attributes: genAiAttributes(event, s.base, responseModel) });
}

export function failAttempt(s: CallState, target: PlannedTarget, error: ProviderError, latencyMs: number): void {
  emitAttempt(s, target, {
    status: 'error',
    latencyMs,
    errorClass: error.errorClass,
    message: error.message,
    ...(error.status !== undefined ? { httpStatus: error.status } : {}),
    ...(error.providerCode !== undefined ? { providerCode: error.providerCode } : {}),
  });
}

/** Skips a target whose breaker is open, or refuses one whose context window is too small. */
export function gate(s: CallState, target: PlannedTarget): PreparedCall | undefined {
  if (s.ctx.breakers.isOpen(target.provider.name, target.model)) {
    skip(s, target, 'circuit_open', `circuit open for ${target.provider.name}:${target.model}: skipped without a request`);
    return undefined;
  }
  const prepared = prepareCall(target, s.base);
  if (prepared instanceof ContextWindowExceededError) {
    s.refusals.push(prepared);
    s.failures.push({ tier: target.tier, provider: target.provider.name, model: target.model, errorClass: 'context_window', message: prepared.message });
    emitAttempt(s, target, { status: 'refused', latencyMs: 0, errorClass: 'context_window', message: prepared.message, inputTokens: prepared.inputTokens });
    return undefined;
  }
  return prepared;
}

function skip(s: CallState, target: PlannedTarget, cls: ErrorClass, message: string): void {
  s.failures.push({ tier: target.tier, provider: target.provider.name, model: target.model, errorClass: cls, message });
  emitAttempt(s, target, { status: 'skipped', latencyMs: 0, errorClass: cls, message });
}

/** After a target failed: record it and carry on to the next target, or rethrow what must stop the call. */
export function onTargetError(s: CallState, target: PlannedTarget, error: unknown): void {
  if (error instanceof AbortedError || error instanceof TaskCancelledError || s.signal.aborted) throw new AbortedError();
  if (error instanceof BrokenCircuitError) return skip(s, target, 'circuit_open', `circuit open for ${target.provider.name}:${target.model} (half-open probe in flight)`);
  if (error instanceof BulkheadRejectedError) return skip(s, target, 'bulkhead_full', `${target.provider.name} bulkhead queue is full`);
  if (error instanceof ProviderError) {
    s.failures.push({ tier: target.tier, provider: target.provider.name, model: target.model, errorClass: error.errorClass, message: error.message });
    return;
  }
  throw error;
}

/** The error when no target answered. */
export function exhausted(s: CallState): LLMError {
  if (s.refusals.length > 0 && s.refusals.length === s.failures.length) return s.refusals[0]!;
  return new AllTargetsFailedError(s.failures);
}

export interface Completion {
  text: string;
  /** The model the provider says answered (e.g. a dated snapshot), for gen_ai.response.model. */
  model?: string;
  reasoning?: string;
  finishReason: FinishReason;
  usage?: Usage;
  attemptStartedAt: number;
  firstTokenAt?: number;
}

/** Output counted with tiktoken when the provider gave no usage (early stop, or a server that omits it). */
export function estimatedUsage(inputTokens: number, text: string, reasoning: string | undefined, target: PlannedTarget): Usage {
  const enc = target.entry?.tokenizer ?? 'cl100k_base';
  const reasoningTokens = reasoning ? countTokens(reasoning, enc) : 0;
  return { inputTokens, outputTokens: countTokens(text, enc) + reasoningTokens, cachedInputTokens: 0, cacheWriteTokens: 0, reasoningTokens };
}

/** Prices the answer, records budget spend (emitting alerts), caches it and emits the attempt event. */
export async function complete(s: CallState, target: PlannedTarget, prepared: PreparedCall, c: Completion): Promise<LLMResponse> {
  const now = performance.now();
  const usage = c.usage ?? estimatedUsage(prepared.inputTokens(), c.text, c.reasoning, target);
  const micros = costMicros(target.entry, usage);
  const response: LLMResponse = {
    // The run's keys never leave the client inside an answer (nor enter the cache with it).
    text: scrubSecrets(c.text, s.ctx.secrets),
    ...(c.reasoning ? { reasoning: scrubSecrets(c.reasoning, s.ctx.secrets) } : {}),
    model: target.model,
    tier: target.tier,
    provider: target.provider.name,
    usage,
    usageEstimated: c.usage === undefined,
    latencyMs: now - s.startedAt,
    ...(c.firstTokenAt !== undefined ? { timeToFirstTokenMs: c.firstTokenAt - s.startedAt } : {}),
    costMicros: micros,
    costUsd: microsToUsd(micros),
    finishReason: c.finishReason,
    truncated: c.finishReason === 'length',
    attempts: s.attempts,
    cacheHit: false,
    correlationId: s.correlationId,
    timestamp: new Date().toISOString(),
  };
  emitAttempt(s, target, {
    status: c.finishReason === 'cancelled' ? 'cancelled' : 'success',
    latencyMs: now - c.attemptStartedAt,
    ...(c.firstTokenAt !== undefined ? { timeToFirstTokenMs: c.firstTokenAt - c.attemptStartedAt } : {}),
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    cachedInputTokens: usage.cachedInputTokens,
    reasoningTokens: usage.reasoningTokens,
    costMicros: micros,
    finishReason: c.finishReason,
  }, c.model);
  for (const alert of await s.ctx.budget.record(micros, usage.inputTokens + usage.outputTokens, s.ids)) {
    s.ctx.hub.emit({ type: 'budget_alert', correlationId: s.correlationId, timestamp: new Date().toISOString(), ...alert });
  }
  // Only whole, clean answers are worth replaying.
  if (s.cacheKey && s.ctx.cache && c.finishReason === 'stop') {
    // the caller's own correlation id only: an id made up here names no record of the caller's
    const meta = s.req.correlationId ? { correlationId: s.req.correlationId } : {};
    await s.ctx.cache.set(s.cacheKey, JSON.stringify(response), s.ctx.config.cache.ttlSeconds, meta);
  }
  return response;
}

/** A cached answer for this call, marked as a free hit; undefined on a miss. */
export async function cached(s: CallState): Promise<LLMResponse | undefined> {
  if (!s.cacheKey || !s.ctx.cache) return undefined;
  const raw = await s.ctx.cache.get(s.cacheKey);
  if (raw === undefined) return undefined;
  const stored = JSON.parse(raw) as LLMResponse;
  const hit: LLMResponse = {
    ...stored,
    costMicros: 0,
    costUsd: 0,
    attempts: 0,
    cacheHit: true,
    latencyMs: performance.now() - s.startedAt,
    correlationId: s.correlationId,
    timestamp: new Date().toISOString(),
  };
  s.ctx.hub.emit({ type: 'cache_hit', correlationId: s.correlationId, tier: hit.tier, provider: hit.provider, model: hit.model, timestamp: hit.timestamp });
  return hit;
}
