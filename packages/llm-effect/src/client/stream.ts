import { answerByteLimit } from '../providers/bounded-body.js';
import { AbortedError, ProviderError, StreamError } from '../errors.js';
import { holdDuring, type Held } from '../policies/hold.js';
import { targetPolicy } from '../policies/target-policy.js';
import { readStreamEvents } from '../providers/stream-reader.js';
import type { StreamEvent } from '../providers/types.js';
import type { FinishReason, LLMRequest, LLMResponse, Usage } from '../schemas.js';
import { beginCall, cached, complete, exhausted, failAttempt, gate, NEVER_ABORTED, onTargetError, type CallState } from './call.js';
import type { ClientContext } from './context.js';
import type { PlannedTarget, PreparedCall } from './plan.js';
import { sendToTarget } from './request.js';

export type LLMStreamChunk = { type: 'text'; text: string } | { type: 'reasoning'; text: string };

/** Chunks as they arrive; `response` settles once the stream ends, fails or is stopped early. */
export interface LLMStream extends AsyncIterable<LLMStreamChunk> {
  readonly response: Promise<LLMResponse>;
}

interface OpenStream {
  events: AsyncGenerator<StreamEvent>;
  /** Events read before the first token (at most the first token itself). */
  primed: StreamEvent[];
  attemptStartedAt: number;
  teardown: AbortController;
}

/** Opens the stream and reads up to its first token, so failures before it can still fail over. */
async function openStream(s: CallState, target: PlannedTarget, prepared: PreparedCall): Promise<OpenStream> {
  const teardown = new AbortController();
  const signal = s.signal === NEVER_ABORTED ? teardown.signal : AbortSignal.any([s.signal, teardown.signal]);
  const { response, attemptStartedAt } = await sendToTarget(s, target, prepared.call, true, signal);
  const events = readStreamEvents(response.body!, {
    adapter: target.provider.adapter,
    provider: target.provider.name,
    model: target.model,
    idleMs: s.ctx.config.timeouts.streamIdleMs,
    maxBytes: answerByteLimit(prepared.call.maxOutputTokens),
    secrets: s.ctx.secrets,
  });
  const primed: StreamEvent[] = [];
  try {
    for (;;) {
      const next = await events.next();
      if (next.done) break;
      primed.push(next.value);
      if (next.value.type === 'text' || next.value.type === 'reasoning' || next.value.type === 'end') break;
    }
  } catch (error) {
    teardown.abort();
    if (s.signal.aborted) throw new AbortedError();
    if (error instanceof ProviderError) failAttempt(s, target, error, performance.now() - attemptStartedAt);
    throw error;
  }
  // A refusal before any token fails over like the non-streaming content-policy error.
  if (primed.some((e) => e.type === 'finish' && e.finishReason === 'content_filter') && !primed.some((e) => e.type === 'text')) {
    teardown.abort();
    // the reader is suspended after the events it gave: returning it clears its idle timer
    await events.return(undefined);
    const error = new ProviderError(
      { errorClass: 'content_policy', provider: target.provider.name, model: target.model },
      `${target.provider.name}:${target.model} refused the prompt (content policy)`,
    );
    failAttempt(s, target, error, performance.now() - attemptStartedAt);
    throw error;
  }
  return { events, primed, attemptStartedAt, teardown };
}

export function stream(ctx: ClientContext, request: LLMRequest, signal?: AbortSignal): LLMStream {
  let settle!: { resolve(r: LLMResponse): void; reject(e: unknown): void };
  const response = new Promise<LLMResponse>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // A caller that only iterates must not get an unhandled rejection from `response`.
  response.catch(() => undefined);

  async function* run(): AsyncGenerator<LLMStreamChunk> {
    const s = await beginCall(ctx, request, signal, true);
    const hit = await cached(s);
    if (hit) {
      if (hit.reasoning) yield { type: 'reasoning', text: hit.reasoning };
      yield { type: 'text', text: hit.text };
      settle.resolve(hit);
      return;
    }
    for (const target of s.plan) {
      const prepared = gate(s, target);
      if (!prepared) continue;
      let slot: Held<OpenStream>;
      try {
        // The target's policy (bulkhead slot and breaker execution) is held until the stream's last
        // chunk, not just until it opened.
        slot = await holdDuring(targetPolicy(ctx, target), () => openStream(s, target, prepared), s.signal);
      } catch (error) {
        onTargetError(s, target, error);
        continue;
      }
      // From the first token on there is no failover: the consumer has seen output.
      yield* consume(s, target, prepared, slot);
      return;
    }
    throw exhausted(s);
  }

  async function* consume(s: CallState, target: PlannedTarget, prepared: PreparedCall, slot: Held<OpenStream>): AsyncGenerator<LLMStreamChunk> {
    const open = slot.value;
    const release = (error?: unknown) => slot.release(error);
    let text = '';
    let reasoning = '';
    let usage: Partial<Usage> | undefined;
    let finishReason: FinishReason | undefined;
    let firstTokenAt: number | undefined;
    let ended = false;
    let failed = false;
    const apply = (e: StreamEvent): LLMStreamChunk | undefined => {
      if (e.type === 'text' || e.type === 'reasoning') {
        firstTokenAt ??= performance.now();
        if (e.type === 'text') text += e.text;
        else reasoning += e.text;
        return e;
      }
      if (e.type === 'usage') usage = { ...usage, ...e.usage };
      if (e.type === 'finish') finishReason = e.finishReason;
      if (e.type === 'end') ended = true;
      return undefined;
    };
    try {
      for (const e of open.primed) {
        const chunk = apply(e);
        if (chunk) yield chunk;
      }
      while (!ended) {
        const next = await open.events.next();
        if (next.done) break;
        const chunk = apply(next.value);
        if (chunk) yield chunk;
      }
      if (ended && finishReason === undefined) {
        throw new StreamError(
          { errorClass: 'stream_incomplete', provider: target.provider.name, model: target.model },
          `${target.provider.name}:${target.model} ended its stream without a finish reason`,
        );
      }
    } catch (error) {
      failed = true;
      open.teardown.abort();
      if (s.signal.aborted) {
        // Aborted mid-stream: what was produced is still billed, so price it before failing.
        release();
        settle.resolve(await finish(s, target, prepared, open, { text, reasoning, usage, finishReason: 'cancelled', firstTokenAt }));
        throw new AbortedError();
      }
      if (error instanceof ProviderError) failAttempt(s, target, error, performance.now() - open.attemptStartedAt);
      release(error);
      settle.reject(error);
      throw error;
    } finally {
      const early = !ended && !failed;
      if (early) open.teardown.abort();
      // The reader is left suspended at its terminal event: returning it runs its cleanup, always
      // (its idle timer, a ref'd 30 s one, held a CLI's exit back by that long after every run)
      await open.events.return(undefined);
      if (!failed) {
        // Completed, or the consumer stopped reading early (break / return): either way price it.
        release();
        settle.resolve(await finish(s, target, prepared, open, {
          text, reasoning, usage, firstTokenAt,
          finishReason: early ? 'cancelled' : (finishReason ?? 'other'),
        }));
      }
    }
  }

  const iterable = run();
  return {
    response,
    [Symbol.asyncIterator]: () => {
      const it = iterable;
      return {
        next: async () => {
          try {
            return await it.next();
          } catch (error) {
            settle.reject(error);
            throw error;
          }
        },
        return: (value?: unknown) => it.return(value as undefined),
        [Symbol.asyncIterator]() {
          return this;
        },
      };
    },
  };
}

interface Collected {
  text: string;
  reasoning: string;
  usage: Partial<Usage> | undefined;
  finishReason: FinishReason;
  firstTokenAt: number | undefined;
}

function finish(s: CallState, target: PlannedTarget, prepared: PreparedCall, open: OpenStream, c: Collected): Promise<LLMResponse> {
  // Provider usage only counts when complete (an early stop never sees the usage chunk).
  const full = c.usage && c.usage.inputTokens !== undefined && c.usage.outputTokens !== undefined && c.finishReason !== 'cancelled';
  return complete(s, target, prepared, {
    text: c.text,
    ...(c.reasoning ? { reasoning: c.reasoning } : {}),
    finishReason: c.finishReason,
    ...(full
      ? { usage: { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, ...c.usage } }
      : {}),
    attemptStartedAt: open.attemptStartedAt,
    ...(c.firstTokenAt !== undefined ? { firstTokenAt: c.firstTokenAt } : {}),
  });
}
