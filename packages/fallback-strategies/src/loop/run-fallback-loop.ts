import type { ValidationResult } from '@onexgen/response-validator';
import { parseInput } from '../errors.js';
import { partialImplementation } from '../codegen/partial-implementation.js';
import type { PartialSpec } from '../codegen/partial-implementation.js';
import type { MethodSpec } from '../codegen/method-spec.js';
import { templateFallback } from '../codegen/template-fallback.js';
import { createFallbackRecorder } from '../metrics/fallback-recorder.js';
import type { FallbackMetrics } from '../metrics/fallback-recorder.js';
import { decideUnder } from '../policy/decide.js';
import type { Decision } from '../policy/decide.js';
import { fallbackPolicySchema } from '../policy/policy.js';
import type { FallbackPolicyInput } from '../policy/policy.js';
import { planRetry } from '../prompt/retry-plan.js';
import type { RetryPlan, RetryPlanOptions } from '../prompt/retry-plan.js';

export interface AttemptRequest {
  system: string;
  user: string;
  tier: string;
  /** 1-based; give it to the validator context as `attempt` */
  attempt: number;
}

export interface AttemptResult {
  /** the code extracted from the answer (what was validated) */
  code: string;
  validation: ValidationResult;
  /** this attempt's prompt + completion tokens and cost */
  tokens: number;
  costMicros: number;
  durationMs?: number;
}

export interface FallbackLoopInput<R extends AttemptResult = AttemptResult> {
  /** the method the end action's body is written for; without it the caller writes that body */
  method?: MethodSpec;
  nodeType: string;
  /** attempt 1's prompt, as the context builder rendered it */
  firstPrompt: { system: string; user: string };
  startTier: string;
  /** one LLM call plus validation; a provider failure should be thrown, it is not a validation failure */
  attempt: (request: AttemptRequest) => Promise<R>;
  policy?: FallbackPolicyInput;
  partialSpec?: PartialSpec;
  /**
   * Builds the re-ask prompt this loop planned (what changes); counting and trimming are the
   * builder's: @onexgen/context-builder's `(plan) => buildRetryPrompt(built, plan)`.
   */
  retryPrompt: (plan: RetryPlan, last: R) => { system: string; user: string };
  /** planRetry's options for the re-ask after `last` (a function when they depend on what failed) */
  retryOptions?: Omit<RetryPlanOptions, 'policy'> | ((last: R) => Omit<RetryPlanOptions, 'policy'>);
  /** text every re-asked user prompt ends with, as the first one did (e.g. a spec's prompt additions) */
  userSuffix?: string;
  /** told every decision before the loop acts on it (to record it; errors thrown here propagate) */
  onDecision?: (decision: Decision, last: R) => void;
  correlationId?: string;
  now?: () => number;
}

export interface FallbackOutcome<R extends AttemptResult = AttemptResult> {
  /** the accepted code, or the template/partial body (absent when no `method` was given); unindented */
  body?: string;
  /** the last decision: accept, template or partial */
  decision: Decision;
  /** the last attempt's validation */
  validation: ValidationResult;
  /** the last attempt's result as `attempt` returned it */
  last: R;
  metrics: FallbackMetrics;
}

/**
 * The attempt loop for one method (the only one: @onexgen/pipeline drives it with its model call,
 * validation and behaviour check as `attempt`): call, validate, decide, and either accept, re-ask
 * with the prompt `retryPrompt` builds from planRetry()'s plan, on the tier decide() chose, or end with the template/partial body. Errors
 * thrown by `attempt` (a provider that is down, a spent budget) propagate unchanged.
 */
export async function runFallbackLoop<R extends AttemptResult>(input: FallbackLoopInput<R>): Promise<FallbackOutcome<R>> {
  const policy = parseInput(fallbackPolicySchema, input.policy ?? {}, 'policy');
  const now = input.now ?? (() => performance.now());
  const recorder = createFallbackRecorder({ method: methodName(input.method), nodeType: input.nodeType, correlationId: input.correlationId }, now);
  const suffix = input.userSuffix ? `\n\n${input.userSuffix}` : '';
  let prompt = input.firstPrompt;
  let tier = input.startTier;

  for (let number = 1; ; number += 1) {
    const started = now();
    const result = await input.attempt({ system: prompt.system, user: prompt.user, tier, attempt: number });
    const spent = recorder.spent();
    const decision = decideUnder(policy, result.validation, { number, tier, tokensSpent: spent.tokensSpent + result.tokens, costMicros: spent.costMicros + result.costMicros });
    recorder.recordAttempt({ tier, tokens: result.tokens, costMicros: result.costMicros, durationMs: result.durationMs ?? now() - started, score: result.validation.score, decision });
    input.onDecision?.(decision, result);

    const done = (body: string | undefined): FallbackOutcome<R> => ({ ...(body === undefined ? {} : { body }), decision, validation: result.validation, last: result, metrics: recorder.toJSON() });
    const method = input.method;
    if (decision.action === 'accept') return done(result.code);
    if (decision.action === 'template') return done(method && templateFallback(method, decision.reason));
    if (decision.action === 'partial') return done(method && partialImplementation(method, input.nodeType, { ...input.partialSpec, reason: decision.reason }));

    const options = typeof input.retryOptions === 'function' ? input.retryOptions(result) : input.retryOptions;
    const retry = input.retryPrompt(planRetry(result.validation, { number }, result.code, { ...options, policy }), result);
    prompt = { system: retry.system, user: `${retry.user}${suffix}` };
    tier = decision.next?.tier ?? tier;
  }
}

function methodName(method: MethodSpec | undefined): string {
  return typeof method === 'object' && method !== null && typeof method.name === 'string' && method.name ? method.name : 'unknown';
}
