import type { LLMRequest, LLMResponse } from '../schemas.js';
import { beginCall, cached, complete, exhausted, gate, onTargetError } from './call.js';
import type { ClientContext } from './context.js';
import { sendToTarget } from './request.js';

/**
 * Non-streaming call: cache, then each planned target in order behind its provider's bulkhead
 * and its own circuit breaker; ky retries inside a target, failover between targets.
 */
export async function generate(ctx: ClientContext, request: LLMRequest, signal?: AbortSignal): Promise<LLMResponse> {
  const s = await beginCall(ctx, request, signal, false);
  const hit = await cached(s);
  if (hit) return hit;
  for (const target of s.plan) {
    const prepared = gate(s, target);
    if (!prepared) continue;
    const bulkhead = ctx.bulkheads.get(target.provider.name, target.provider.config.maxConcurrent, target.provider.config.maxQueued);
    const breaker = ctx.breakers.get(target.provider.name, target.model);
    try {
      const { result, attemptStartedAt } = await bulkhead.execute(
        () => breaker.execute(() => sendToTarget(s, target, prepared.call, false, s.signal)),
        s.signal,
      );
      if (!result) throw new Error('internal: non-streaming response without a parsed result');
      return await complete(s, target, prepared, { ...result, attemptStartedAt });
    } catch (error) {
      onTargetError(s, target, error);
    }
  }
  throw exhausted(s);
}
