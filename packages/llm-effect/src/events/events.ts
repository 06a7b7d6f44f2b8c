import type { BudgetAlert } from '../budget/tracker.js';
import type { ErrorClass } from '../errors.js';
import type { BreakerSnapshot } from '../policies/breakers.js';
import type { Tier } from '@onexgen/onex';
import type { FinishReason } from '../schemas.js';

export type AttemptStatus = 'success' | 'error' | 'skipped' | 'refused' | 'cancelled';

/**
 * One attempt: an HTTP request (first try or ky retry), a target skipped by its open breaker, a
 * target refused before sending (context window), or a stream the consumer stopped early.
 * `attributes` use OpenTelemetry gen_ai.* / error.* / http.* names where one exists.
 */
export interface AttemptEvent {
  type: 'attempt';
  correlationId: string;
  operationType?: string;
  /** 1-based count over the whole call (all targets, all retries). */
  attempt: number;
  tier: Tier;
  provider: string;
  model: string;
  stream: boolean;
  status: AttemptStatus;
  httpStatus?: number;
  errorClass?: ErrorClass;
  /** Provider's own code (Z.ai "1113", OpenAI "insufficient_quota"); never a secret. */
  providerCode?: string;
  message?: string;
  latencyMs: number;
  timeToFirstTokenMs?: number;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  reasoningTokens: number;
  costMicros: number;
  finishReason?: FinishReason;
  timestamp: string;
  attributes: Record<string, string | number | boolean | string[]>;
}

export interface BreakerEvent extends BreakerSnapshot {
  type: 'breaker';
  timestamp: string;
}

export interface BudgetAlertEvent extends BudgetAlert {
  type: 'budget_alert';
  correlationId: string;
  timestamp: string;
}

export interface CacheHitEvent {
  type: 'cache_hit';
  correlationId: string;
  tier: Tier;
  provider: string;
  model: string;
  timestamp: string;
}

export type LLMEvent = AttemptEvent | BreakerEvent | BudgetAlertEvent | CacheHitEvent;
export type LLMEventType = LLMEvent['type'];
export type LLMEventOf<T extends LLMEventType> = Extract<LLMEvent, { type: T }>;

/** OpenTelemetry semantic-convention attributes for an attempt. */
export function genAiAttributes(
  e: Omit<AttemptEvent, 'attributes' | 'type'>,
  request: { maxOutputTokens: number; temperature?: number },
  responseModel?: string,
): AttemptEvent['attributes'] {
  return {
    'gen_ai.operation.name': 'chat',
    'gen_ai.provider.name': e.provider,
    'gen_ai.request.model': e.model,
    'gen_ai.response.model': responseModel ?? e.model,
    'gen_ai.request.max_tokens': request.maxOutputTokens,
    ...(request.temperature !== undefined ? { 'gen_ai.request.temperature': request.temperature } : {}),
    'gen_ai.usage.input_tokens': e.inputTokens,
    'gen_ai.usage.output_tokens': e.outputTokens,
    ...(e.finishReason ? { 'gen_ai.response.finish_reasons': [e.finishReason] } : {}),
    'gen_ai.conversation.id': e.correlationId,
    ...(e.errorClass ? { 'error.type': e.errorClass } : {}),
    ...(e.httpStatus !== undefined ? { 'http.response.status_code': e.httpStatus } : {}),
  };
}

type Listener<T extends LLMEventType> = (event: LLMEventOf<T>) => void;

/** A tiny typed emitter; a throwing listener is isolated so it cannot break a call. */
export class EventHub {
  private readonly listeners = new Map<string, Set<(event: LLMEvent) => void>>();

  on<T extends LLMEventType | '*'>(type: T, listener: T extends LLMEventType ? Listener<T> : (event: LLMEvent) => void): () => void {
    let set = this.listeners.get(type);
    if (!set) {
      set = new Set();
      this.listeners.set(type, set);
    }
    set.add(listener as (event: LLMEvent) => void);
    return () => set.delete(listener as (event: LLMEvent) => void);
  }

  emit(event: LLMEvent): void {
    for (const key of [event.type, '*']) {
      for (const listener of this.listeners.get(key) ?? []) {
        try {
          listener(event);
        } catch {
          // A listener's bug must not fail the LLM call it observes.
        }
      }
    }
  }
}
