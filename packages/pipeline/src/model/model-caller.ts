// The pipeline's ModelCaller backed by an @onexgen/llm-effect client: every attempt event is
// recorded through metrics, and the client's errors become the app's typed errors.
import {
  AbortedError,
  AllTargetsFailedError,
  BudgetExceededError,
  createLLMClient,
  escalationLadder,
  LLMError,
  type AttemptEvent,
  type LLMConfigLayer,
} from '@onexgen/llm-effect';
import type { AttemptInput, DatabaseHandle } from '@onexgen/metrics';
import { isNodeType, type NodeType } from '@onexgen/onex';
import { OnexgenError } from '../errors.js';
import type { ModelCaller } from './model-port.js';
import type { Recorder } from '../session/recorder.js';
import type { PoolGuard } from '../session/pool-guard.js';
import { budgetStoreFor, responseCacheFor } from './store-bridges.js';

function statusOf(e: AttemptEvent): 'success' | 'error' | 'timeout' | 'cancelled' {
  if (e.status === 'success' || e.status === 'cancelled') return e.status;
  return e.errorClass === 'timeout' ? 'timeout' : 'error';
}

function translate(err: unknown): OnexgenError {
  if (err instanceof OnexgenError) return err;
  if (err instanceof AbortedError) return new OnexgenError('INTERRUPTED', 'interrupted while waiting for the model', { cause: err });
  if (err instanceof BudgetExceededError) return new OnexgenError('BUDGET_EXHAUSTED', err.message, { cause: err });
  if (err instanceof AllTargetsFailedError || err instanceof LLMError) {
    return new OnexgenError('PROVIDER_FAILED', `the model could not be reached: ${err.message}`, { cause: err });
  }
  return new OnexgenError('PROVIDER_FAILED', `the model call failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
}

/** Where attempt rows go instead of the recorder's batches: written ahead of each request, then completed. */
export interface AttemptLedger {
  started(row: { correlationId: string; callNumber: number; attempt: number; provider: string; model: string; tier?: string; nodeType?: NodeType }): Promise<void>;
  finished(row: AttemptInput): Promise<void>;
}

export function createModelCaller(options: {
  layers: LLMConfigLayer[];
  describe: string;
  env: Record<string, string | undefined>;
  handle: DatabaseHandle;
  recorder: Recorder;
  /** every attempt event, as well (the run's trace) */
  onAttempt?: (event: AttemptEvent) => void;
  /** the run's budget pool: admits each call (or moves it to a cheaper tier), records its cost */
  pool?: PoolGuard;
  /** false: never stream (default: stream, so that TTFT is measured and a display can show tokens) */
  stream?: boolean;
  attempts?: AttemptLedger;
}): ModelCaller {
  /**
   * Per correlation id: its node type and which call of the method's loop is in flight. llm-effect
   * numbers `event.attempt` from 1 on every generate(); metrics keys attempt rows on
   * (correlationId, callNumber, attempt), so a retry's rows need the loop's attempt as callNumber
   * or they collide with the first call's. Calls of one method are sequential, so one entry each.
   */
  const calls = new Map<string, { nodeType: string; callNumber: number }>();
  const ledger = options.attempts;
  const client = createLLMClient(options.layers, {
    env: options.env,
    ...(ledger
      ? {
          beforeAttempt: async (a) => {
            const call = calls.get(a.correlationId);
            const nodeType = call?.nodeType;
            await ledger.started({
              correlationId: a.correlationId,
              callNumber: call?.callNumber ?? 1,
              attempt: a.attempt,
              provider: a.provider,
              model: a.model,
              tier: a.tier,
              ...(isNodeType(nodeType) ? { nodeType } : {}),
            });
          },
        }
      : {}),
    budgetStore: budgetStoreFor(options.handle),
    cacheStore: responseCacheFor(options.handle, options.recorder),
    onEvent: (event) => {
      if (event.type !== 'attempt') return;
      options.onAttempt?.(event);
      // a target skipped (open breaker, full bulkhead) or refused (context window) sent no request:
      // llm_call_attempts holds one row per request, and such an event's attempt number is that of
      // the previous request (0 before the first), which would collide or be refused with its batch
      if (event.status === 'skipped' || event.status === 'refused') return;
      const call = calls.get(event.correlationId);
      const nodeType = call?.nodeType;
      const row: AttemptInput = {
        correlationId: event.correlationId,
        callNumber: call?.callNumber ?? 1,
        attempt: event.attempt,
        ...(isNodeType(nodeType) ? { nodeType } : {}),
        provider: event.provider,
        model: event.model,
        tier: event.tier,
        status: statusOf(event),
        ...(event.errorClass ? { errorClass: event.errorClass } : {}),
        ...(event.httpStatus ? { httpStatus: event.httpStatus } : {}),
        latencyMs: event.latencyMs,
        ...(event.timeToFirstTokenMs !== undefined ? { timeToFirstTokenMs: event.timeToFirstTokenMs } : {}),
        tokensInput: event.inputTokens,
        tokensOutput: event.outputTokens,
        tokensCached: event.cachedInputTokens,
        tokensReasoning: event.reasoningTokens,
        costMicroUsd: event.costMicros,
      };
      if (!ledger) return options.recorder.attempt(row);
      // completes the write-ahead row; it must land before the method's result commits
      options.recorder.background('attempt', () => ledger.finished(row));
    },
  });
  return {
    describe: options.describe,
    ladder: (from) => escalationLadder(client.config, from),
    async call(request, signal) {
      calls.set(request.correlationId, { nodeType: request.nodeType, callNumber: request.attempt });
      try {
        const admitted = options.pool ? await options.pool.admit() : {};
        const onText = options.stream === false ? undefined : (request.onText ?? (() => undefined));
        const res = await client.generate(
          {
            prompt: request.user,
            systemPrompt: request.system,
            tier: (admitted.tier ?? request.tier) as 'cloud_fast',
            ...(request.model ? { model: request.model } : {}),
            ...(request.provider ? { provider: request.provider } : {}),
            ...(request.maxTokens ? { maxOutputTokens: request.maxTokens } : {}),
            correlationId: request.correlationId,
            operationType: 'generate_method',
          },
          { ...(signal ? { signal } : {}), ...(onText ? { onText } : {}) },
        );
        await options.pool?.record(res.costMicros);
        return {
          text: res.text,
          provider: res.provider,
          model: res.model,
          tokensInput: res.usage.inputTokens,
          tokensOutput: res.usage.outputTokens,
          costMicros: res.costMicros,
          latencyMs: res.latencyMs,
          finishReason: res.finishReason,
          ...(res.timeToFirstTokenMs !== undefined ? { timeToFirstTokenMs: res.timeToFirstTokenMs } : {}),
        };
      } catch (err) {
        throw translate(err);
      }
    },
    async close() {
      client.close();
    },
  };
}
