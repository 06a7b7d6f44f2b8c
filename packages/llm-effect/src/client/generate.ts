import type { LLMRequest, LLMResponse } from '../schemas.js';
import { beginCall, cached, complete, exhausted, gate, onTargetError } from './call.js';
import type { ClientContext } from './context.js';
import { sendToTarget } from './request.js';
import { targetPolicy } from '../policies/target-policy.js';

/**
 * Non-streaming call: cache, then each planned target in order inside its policy (the provider's
 * bulkhead wrapping the target's circuit breaker); ky retries inside a target, failover between targets.
 */
export async function generate(ctx: ClientContext, request: LLMRequest, signal?: AbortSignal): Promise<LLMResponse> {
  const s = await beginCall(ctx, request, signal, false);
  const hit = await cached(s);
  if (hit) return hit;
  for (const target of s.plan) {
    const prepared = gate(s, target);
    if (!prepared) continue;
    try {
      const { result, attemptStartedAt } = await targetPolicy(ctx, target).execute(() => sendToTarget(s, target, prepared.call, false, s.signal), s.signal);
      if (!result) throw new Error('internal: non-streaming response without a parsed result');
      return await complete(s, target, prepared, { ...result, attemptStartedAt });
    } catch (error) {
      onTargetError(s, target, error);
    }
  }
  throw exhausted(s);
}
