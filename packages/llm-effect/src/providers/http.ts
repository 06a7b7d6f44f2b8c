import ky, { HTTPError, TimeoutError, type KyResponse } from 'ky';
import type { LLMConfig } from '../config/schema.js';
import { AbortedError, ProviderError, redact, type ErrorClass } from '../errors.js';
import { classifyHttpError, retryHintMs } from './classify.js';
import type { ProviderAdapter, ProviderResult } from './types.js';
import { WireFormatError } from './wire.js';
import { BodyDeadlineError, BodyTooLargeError, readBodyBounded } from './bounded-body.js';

/** Error bodies are read for their message only: 64 KiB is plenty. */
const ERROR_BODY_BYTES = 64 * 1024;

/** One failed HTTP attempt, reported as it happens (ky retries internally; each try is an attempt). */
export interface FailedAttempt {
  error: ProviderError;
  latencyMs: number;
  /** 0 for the first request of this target, 1.. for ky's retries. */
  retryCount: number;
}

export interface PostOptions {
  url: string;
  headers: Record<string, string>;
  body: unknown;
  /** The caller's signal combined with the client's own (for stream teardown). */
  signal: AbortSignal;
  /** The shared placeholder for "no signal": not passed to ky, which then creates fewer signals. */
  neverAborted?: AbortSignal;
  stream: boolean;
  adapter: ProviderAdapter;
  provider: string;
  model: string;
  retry: LLMConfig['retry'];
  /** Per request, from sending it to the last byte of a non-streamed body (streams: idle timeout). */
  timeoutMs: number;
  /** Most bytes of a non-streamed answer accepted (answerByteLimit of the requested max tokens). */
  maxBodyBytes: number;
  /** When the whole call began: no retry may start that cannot finish within retry.totalBudgetMs. */
  callStartedAt: number;
  /** Key values to scrub from every message. */
  secrets: string[];
  onFailedAttempt(attempt: FailedAttempt): void;
  /** Awaited before every HTTP request (first and retries): rate limit, attempt count. */
  beforeEachRequest(): Promise<void>;
}

export interface PostResult {
  response: KyResponse;
  /** Parsed answer (non-streaming calls only). */
  result?: ProviderResult;
  /** When the last (successful) request was sent. */
  attemptStartedAt: number;
}

// Statuses worth another try; Retry-After is honoured on all of them.
const RETRY_STATUSES = [408, 409, 425, 429, 500, 502, 503, 504, 529];

// One ky instance for the process; per-call behaviour comes in through options and hooks.
const http = ky.create({ throwHttpErrors: true });

/** POST with ky's retry (full-jitter backoff, Retry-After, hints via hooks), classifying every failure. */
export async function postWithRetry(o: PostOptions): Promise<PostResult> {
  let attemptStartedAt = 0;
  let reported = false;
  let lastFailure: ProviderError | undefined;
  let result: ProviderResult | undefined;
  const backoff = (n: number) => Math.min(o.retry.maxDelayMs, o.retry.baseDelayMs * 2 ** (n - 1));
  const fail = (cls: ErrorClass, message: string, extra: { status?: number; providerCode?: string; retryAfterMs?: number } = {}, cause?: unknown) =>
    new ProviderError({ errorClass: cls, provider: o.provider, model: o.model, ...extra }, redact(message, o.secrets), cause ? { cause: safeCause(cause, o.secrets) } : undefined);
  const report = (error: ProviderError, retryCount: number) => {
    lastFailure = error;
    if (reported) return;
    reported = true;
    o.onFailedAttempt({ error, latencyMs: performance.now() - attemptStartedAt, retryCount });
  };
  const withinBudget = (waitMs: number) => performance.now() - o.callStartedAt + waitMs <= o.retry.totalBudgetMs;

  const toProviderError = (error: unknown): ProviderError => {
    if (error instanceof ProviderError) return error;
    if (error instanceof HTTPError && lastFailure) return lastFailure;
    if (error instanceof TimeoutError || error instanceof BodyDeadlineError) return fail('timeout', `${o.provider}:${o.model} did not answer within ${o.timeoutMs} ms`);
    if (error instanceof BodyTooLargeError) return fail('response_too_large', `${o.provider}:${o.model} sent ${error.message}, more than the requested max tokens can produce`);
    if (error instanceof WireFormatError) return fail('invalid_response', `${o.provider}:${o.model} sent ${error.message}`);
    const detail = error instanceof Error ? `${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ''}` : String(error);
    return fail('network', `${o.provider}:${o.model} connection failed: ${detail}`, {}, error);
  };

  // A delay the server asked for in a form ky does not read (retry-after-ms, a body hint): set by
  // shouldRetry, consumed by ky's `delay` for the retry that follows.
  let hintedDelayMs: number | undefined;
  const payload = JSON.stringify(o.body);

  /**
   * What ky's afterResponse hook used to do, done inside ky's `fetch` instead: a hook costs a clone
   * of every response (a tee of its body), and a body given to ky costs a tee of the request per
   * attempt. Here ky builds a bodiless Request (cheap to clone for retries), the JSON text goes to
   * fetch as it is, and the answer is read once. Failures reach ky's retry as ProviderErrors, or as
   * a bodiless copy of the response when its Retry-After header is ky's to honour.
   */
  const send = async (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init); // ky passes its Request
    const response = await fetch(request.url, { ...init, method: request.method, headers: request.headers, body: payload, signal: request.signal });
    if (response.ok) {
      if (o.stream) return response;
      const parsed = parseBody(o.adapter, await readBodyBounded(response, { deadline: attemptStartedAt + o.timeoutMs, maxBytes: o.maxBodyBytes }));
      if (parsed instanceof Error) throw fail('invalid_response', `${o.provider}:${o.model} sent ${parsed.message}`);
      if (parsed.finishReason === 'content_filter') throw fail('content_policy', `${o.provider}:${o.model} refused the prompt (content policy)`, { status: response.status });
      result = parsed;
      return new Response(null, { status: 200 });
    }
    const info = o.adapter.parseError(response.status, await readErrorBody(response, attemptStartedAt + o.timeoutMs));
    const hint = retryHintMs(response.headers, info.retryDelayMs);
    const error = fail(
      classifyHttpError(response.status, info),
      `${o.provider}:${o.model} answered HTTP ${response.status}${info.code ? ` (${info.code})` : ''}: ${info.message}`,
      { status: response.status, ...(info.code ? { providerCode: info.code } : {}), ...(hint ? { retryAfterMs: hint.ms } : {}) },
    );
    report(error, retryCount);
    if (!error.retryable || hint?.source !== 'retry-after') throw error;
    // ky parses Retry-After itself (seconds or a date, capped by maxRetryAfter): it gets the headers.
    return new Response(null, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
  let retryCount = 0;

  try {
    const response = await http.post(o.url, {
      headers: { 'content-type': 'application/json', ...o.headers },
      fetch: send,
      ...(o.signal === o.neverAborted ? {} : { signal: o.signal }),
      timeout: o.timeoutMs,
      retry: {
        limit: o.retry.maxRetries,
        methods: ['post'],
        statusCodes: RETRY_STATUSES,
        afterStatusCodes: RETRY_STATUSES,
        maxRetryAfter: o.retry.maxRetryAfterMs,
        // A server's hint may exceed the backoff cap (up to maxRetryAfterMs); the backoff is capped by the jitter below.
        backoffLimit: Math.max(o.retry.maxDelayMs, o.retry.maxRetryAfterMs),
        delay: (n) => hintedDelayMs ?? o.retry.baseDelayMs * 2 ** (n - 1),
        // Full jitter: uniform over [0, min(cap, base * 2^(n-1))]; a server's hint is waited as given.
        jitter: (d) => (hintedDelayMs !== undefined ? d : Math.random() * Math.min(d, o.retry.maxDelayMs)),
        retryOnTimeout: true,
        shouldRetry: ({ error, retryCount: n }) => {
          if (o.signal.aborted) return false;
          const failure = toProviderError(error);
          report(failure, n - 1);
          if (!failure.retryable) return false;
          const hint = failure.retryAfterMs;
          if (hint !== undefined && hint > o.retry.maxRetryAfterMs) return false; // too long: fail over instead
          if (!withinBudget(hint ?? backoff(n))) return false;
          // With a standard Retry-After, ky's own parsing decides the wait; another hint is waited as given.
          if (error instanceof HTTPError && error.response.headers.has('retry-after')) return undefined;
          hintedDelayMs = hint;
          return true;
        },
      },
      hooks: {
        beforeRequest: [
          async (_request, _options, state) => {
            await o.beforeEachRequest();
            attemptStartedAt = performance.now();
            reported = false;
            hintedDelayMs = undefined;
            retryCount = state.retryCount;
          },
        ],
      },
    });
    return { response, ...(result ? { result } : {}), attemptStartedAt };
  } catch (error) {
    if (o.signal.aborted) throw new AbortedError({ cause: safeCause(o.signal.reason, o.secrets) });
    const failure = toProviderError(error);
    report(failure, 0);
    throw failure;
  }
}

/** An error body for its message; a stalled or huge one is not worth waiting for. */
async function readErrorBody(response: Response, deadline: number): Promise<string> {
  try {
    return await readBodyBounded(response, { deadline, maxBytes: ERROR_BODY_BYTES });
  } catch {
    return '';
  }
}

function parseBody(adapter: ProviderAdapter, text: string): ProviderResult | Error {
  try {
    return adapter.parseResponse(JSON.parse(text));
  } catch (error) {
    return error instanceof WireFormatError ? error : new WireFormatError(`a body that is not valid JSON (${text.length} bytes)`);
  }
}

/** A plain, key-free copy of a low-level error (ky errors hold the Request and its headers). */
function safeCause(error: unknown, secrets: string[]): Error {
  const message = error instanceof Error ? error.message : String(error);
  const out = new Error(redact(message, secrets));
  out.name = error instanceof Error ? error.name : 'Error';
  return out;
}
