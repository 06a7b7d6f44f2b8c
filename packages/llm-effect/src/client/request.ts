import { answerByteLimit } from '../providers/bounded-body.js';
import { postWithRetry, type PostResult } from '../providers/http.js';
import type { ProviderCall } from '../providers/types.js';
import { failAttempt, NEVER_ABORTED, type CallState } from './call.js';
import type { PlannedTarget } from './plan.js';

/** The HTTP request for one target through ky (retries included), every failed try emitted. */
export function sendToTarget(s: CallState, target: PlannedTarget, call: ProviderCall, stream: boolean, signal: AbortSignal): Promise<PostResult> {
  const p = target.provider;
  const spec = p.adapter.buildRequest(call, stream, p.apiKey, p.config.maxTokensParam ? { maxTokensParam: p.config.maxTokensParam } : {});
  return postWithRetry({
    url: `${p.baseUrl}${spec.path}`,
    headers: { ...spec.headers, ...p.config.headers },
    body: spec.body,
    signal,
    neverAborted: NEVER_ABORTED,
    stream,
    adapter: p.adapter,
    provider: p.name,
    model: target.model,
    retry: s.ctx.config.retry,
    timeoutMs: s.ctx.config.timeouts.requestMs,
    maxBodyBytes: answerByteLimit(call.maxOutputTokens),
    callStartedAt: s.startedAt,
    secrets: s.ctx.secrets,
    beforeEachRequest: async () => {
      await p.limiter?.acquire(signal);
      s.attempts += 1;
      await s.ctx.beforeAttempt?.({ correlationId: s.correlationId, attempt: s.attempts, tier: target.tier, provider: p.name, model: target.model });
    },
    onFailedAttempt: (f) => failAttempt(s, target, f.error, f.latencyMs),
  });
}
