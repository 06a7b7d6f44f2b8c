import type { FinishReason, Usage } from '../schemas.js';

/** What one call asks of a provider, already resolved to a single model. */
export interface ProviderCall {
  model: string;
  system?: string;
  prompt: string;
  maxOutputTokens: number;
  temperature?: number;
  stop?: string[];
  /** Ollama: context size to allocate so the prompt is never silently cut. */
  numCtx?: number;
}

export interface ProviderResult {
  text: string;
  reasoning?: string;
  finishReason: FinishReason;
  /** Undefined when the provider did not report usage. */
  usage?: Usage;
  /** The model the provider says answered. */
  model?: string;
}

export type StreamEvent =
  | { type: 'text'; text: string }
  | { type: 'reasoning'; text: string }
  | { type: 'usage'; usage: Partial<Usage> }
  | { type: 'finish'; finishReason: FinishReason }
  /** The format's terminal event ([DONE], message_stop, done:true, Gemini's finishReason chunk). */
  | { type: 'end' };

export interface HttpRequestSpec {
  /** Appended to the provider's base URL. */
  path: string;
  body: unknown;
  headers: Record<string, string>;
}

/** Per-provider wire choices that differ between servers speaking the same format. */
export interface AdapterOptions {
  /** OpenAI-compatible: OpenAI's reasoning models refuse `max_tokens` and want `max_completion_tokens`. */
  maxTokensParam?: 'max_tokens' | 'max_completion_tokens';
}

/** The provider's error, read from its own error shape. */
export interface ProviderErrorInfo {
  message: string;
  /** Provider code or type: Z.ai "1113", OpenAI "insufficient_quota", Gemini "RESOURCE_EXHAUSTED". */
  code?: string;
  /** A retry hint found in the body (Gemini RetryInfo.retryDelay), ms. */
  retryDelayMs?: number;
}

/** Decodes one stream; holds the little state a format needs (Anthropic's usage split). */
export interface StreamDecoder {
  /** `event` is the SSE event name (Anthropic) or undefined; `data` one SSE data field or NDJSON line. */
  push(data: string, event?: string): StreamEvent[];
}

/**
 * One wire format. Adapters only translate: they build the request, validate the answer with zod
 * and map it to ProviderResult; HTTP, retries and policies live elsewhere.
 */
export interface ProviderAdapter {
  readonly kind: string;
  readonly streamFraming: 'sse' | 'ndjson';
  buildRequest(call: ProviderCall, stream: boolean, apiKey: string | undefined, options?: AdapterOptions): HttpRequestSpec;
  parseResponse(json: unknown): ProviderResult;
  createStreamDecoder(): StreamDecoder;
  parseError(status: number, bodyText: string): ProviderErrorInfo;
}
