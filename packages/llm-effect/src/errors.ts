/**
 * Typed errors: every one has a stable `code`, a message a person can act on, and the cause.
 * Messages never contain API keys (provider text is passed through `redact` first).
 */
import { SECRET_MARKER, formatUsd, redactValues, redactionList, scrubKeyShapes } from '@onexgen/onex';

/** What went wrong with a provider call, independent of the provider's own vocabulary. */
export type ErrorClass =
  | 'rate_limited' // 429 / Z.ai 1302, 1303, 1305: retry after a while
  | 'server_error' // 5xx: retry
  | 'timeout' // no answer in time: retry
  | 'network' // connection refused / reset: retry
  | 'conflict' // 408, 409: retry
  | 'invalid_response' // malformed or unexpected JSON: retry
  | 'quota_exhausted' // OpenAI insufficient_quota, Z.ai 1113: no retry, fail over
  | 'account_locked' // Z.ai 1112, 1121: no retry, fail over
  | 'auth' // 401, 403: no retry, fail over
  | 'not_found' // 404 (unknown model): no retry, fail over
  | 'content_policy' // refusal / safety block: no retry, fail over
  | 'bad_request' // other 4xx: no retry, fail over
  | 'stream_incomplete' // stream ended without its terminal event
  | 'stream_idle_timeout' // no chunk within the idle timeout
  | 'circuit_open' // breaker open: target skipped without a request
  | 'bulkhead_full' // provider's concurrency queue full
  | 'context_window' // prompt + max output exceeds the model's window: refused before sending
  | 'response_too_large' // the answer is larger than the requested max tokens can produce: refused, fail over
  | 'aborted'; // the caller's AbortSignal fired

const RETRYABLE: ReadonlySet<ErrorClass> = new Set<ErrorClass>([
  'rate_limited', 'server_error', 'timeout', 'network', 'conflict', 'invalid_response',
]);

export const isRetryableClass = (cls: ErrorClass): boolean => RETRYABLE.has(cls);

/** Classes that mean "this target is unhealthy" and so count towards opening its breaker. */
const BREAKER: ReadonlySet<ErrorClass> = new Set<ErrorClass>([
  'rate_limited', 'server_error', 'timeout', 'network', 'conflict', 'invalid_response',
  'quota_exhausted', 'account_locked', 'auth', 'stream_incomplete', 'stream_idle_timeout',
]);

export const countsForBreaker = (cls: ErrorClass): boolean => BREAKER.has(cls);

export class LLMError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export interface ProviderErrorDetails {
  errorClass: ErrorClass;
  provider: string;
  model: string;
  status?: number;
  /** The provider's own error code or type (e.g. Z.ai "1113", OpenAI "insufficient_quota"). */
  providerCode?: string;
  /** Server-suggested wait before retrying, ms. */
  retryAfterMs?: number;
}

/** A failed call to one provider target (after ky's retries, when the class allows them). */
export class ProviderError extends LLMError {
  readonly errorClass: ErrorClass;
  readonly provider: string;
  readonly model: string;
  readonly status?: number;
  readonly providerCode?: string;
  readonly retryAfterMs?: number;

  constructor(details: ProviderErrorDetails, message: string, options?: { cause?: unknown }) {
    super(`LLM_${details.errorClass.toUpperCase()}`, message, options);
    this.errorClass = details.errorClass;
    this.provider = details.provider;
    this.model = details.model;
    if (details.status !== undefined) this.status = details.status;
    if (details.providerCode !== undefined) this.providerCode = details.providerCode;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
  }

  get retryable(): boolean {
    return isRetryableClass(this.errorClass);
  }
}

export interface TargetFailure {
  tier: string;
  provider: string;
  model: string;
  errorClass: ErrorClass;
  message: string;
}

/** Every target of every tier tried failed (or was skipped). */
export class AllTargetsFailedError extends LLMError {
  constructor(readonly failures: TargetFailure[], options?: { cause?: unknown }) {
    super(
      'LLM_ALL_TARGETS_FAILED',
      `no provider target could answer: ${failures.map((f) => `${f.tier}/${f.provider}:${f.model} ${f.errorClass}`).join('; ') || 'no targets configured'}`,
      options,
    );
  }
}

export class ContextWindowExceededError extends LLMError {
  constructor(readonly model: string, readonly inputTokens: number, readonly maxOutputTokens: number, readonly contextWindow: number) {
    super(
      'LLM_CONTEXT_WINDOW_EXCEEDED',
      `prompt (${inputTokens} tokens) + max output (${maxOutputTokens}) exceeds ${model}'s context window of ${contextWindow} tokens; shorten the prompt or lower maxOutputTokens`,
    );
  }
}

/** A scope's money (`unit` micros: spent/limit in micro-dollars) or tokens is spent. */
export class BudgetExceededError extends LLMError {
  constructor(
    readonly scope: string,
    readonly scopeKey: string,
    readonly spent: number,
    readonly limit: number,
    readonly unit: 'micros' | 'tokens' = 'micros',
  ) {
    const amount = unit === 'micros' ? `${formatUsd(spent, 6)} of ${formatUsd(limit, 6)}` : `${spent} of ${limit} tokens`;
    super('LLM_BUDGET_EXCEEDED', `the ${scope} budget (${scopeKey}) is spent: ${amount}; calls are refused until it is raised`);
  }

  /** micro-dollars spent (0 when the tokens ran out) */
  get spentMicros(): number {
    return this.unit === 'micros' ? this.spent : 0;
  }

  get limitMicros(): number {
    return this.unit === 'micros' ? this.limit : 0;
  }
}

export class StreamError extends ProviderError {}

export class AbortedError extends LLMError {
  constructor(options?: { cause?: unknown }) {
    super('LLM_ABORTED', 'the call was aborted by its AbortSignal', options);
  }
}

/** Invalid configuration or request; `path` names the offending field. */
export class LLMValidationError extends LLMError {
  constructor(readonly what: string, readonly path: string, detail: string) {
    super('LLM_INVALID_INPUT', `invalid ${what} at ${path || '(root)'}: ${detail}`);
  }
}

/** Replaces every secret in `text` (and provider echoes such as "key provided: sk-...") with a marker. */
export function redact(text: string, secrets: readonly string[]): string {
  const out = scrubSecrets(text, secrets);
  // Providers echo a masked key in 401 messages; the visible part still identifies the key.
  return out.replace(/(api key provided:?\s*)\S+/gi, `$1${SECRET_MARKER}`);
}

/**
 * Every occurrence of a secret value replaced by `[REDACTED]`, and every key-shaped string too
 * (@onexgen/onex `scrubKeyShapes`: a provider key, token or password URL the run does not hold —
 * one the model saw in training or in a prompt). Applied to model answers before they are returned
 * or cached: such a value must not reach a node file, the response cache or a learned template.
 */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  return scrubKeyShapes(redactValues(text, redactionList(secrets))).text;
}
