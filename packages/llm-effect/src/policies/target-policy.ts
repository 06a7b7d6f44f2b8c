import { wrap, type IPolicy } from 'cockatiel';
import type { ClientContext } from '../client/context.js';
import type { PlannedTarget } from '../client/plan.js';

/**
 * The one resilience policy a target's requests run in, composed the cockatiel way:
 * wrap(provider bulkhead, provider+model circuit breaker). The bulkhead is outermost, so a call
 * waiting for a slot holds no breaker execution and an abort while queued leaves the breaker
 * untouched. Retries inside one target (timeouts, 429/5xx, Retry-After) stay in ky's retry with
 * its one `shouldRetry` (providers/http.ts), because ky is what honours Retry-After; failover
 * between targets is the call loop's.
 */
export function targetPolicy(ctx: ClientContext, target: PlannedTarget): IPolicy {
  const { name, config } = target.provider;
  return wrap(ctx.bulkheads.get(name, config.maxConcurrent, config.maxQueued), ctx.breakers.get(name, target.model));
}
