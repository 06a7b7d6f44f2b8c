import type { ValidationResult } from '@onexgen/response-validator';
import { parseInput } from '../errors.js';
import { partialImplementation } from '../codegen/partial-implementation.js';
import type { PartialSpec } from '../codegen/partial-implementation.js';
import type { MethodSpec } from '../codegen/method-spec.js';
import { templateFallback } from '../codegen/template-fallback.js';
import { createFallbackRecorder } from '../metrics/fallback-recorder.js';
import type { FallbackMetrics } from '../metrics/fallback-recorder.js';
import { decide } from '../policy/decide.js';
import type { Decision } from '../policy/decide.js';
import { fallbackPolicySchema } from '../policy/policy.js';
import type { FallbackPolicyInput } from '../policy/policy.js';
import { adjustPrompt } from '../prompt/adjust-prompt.js';
import type { AdjustPromptOptions } from '../prompt/adjust-prompt.js';
import type { PromptContext } from '../prompt/prompt-context.js';

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

export interface FallbackLoopInput {
  method: MethodSpec;
  nodeType: string;
  /** the context the first prompt was built from (a BuiltContext fits) */
  context: PromptContext;
  /** attempt 1's prompt, as the context builder rendered it */
  firstPrompt: { system: string; user: string };
  startTier: string;
  /** one LLM call plus validation; a provider failure should be thrown, it is not a validation failure */
  attempt: (request: AttemptRequest) => Promise<AttemptResult>;
  policy?: FallbackPolicyInput;
  partialSpec?: PartialSpec;
  promptOptions?: Omit<AdjustPromptOptions, 'policy'>;
  correlationId?: string;
  now?: () => number;
}

export interface FallbackOutcome {
  /** the accepted code, or the template/partial body; unindented */
  body: string;
  /** the last decision: accept, template or partial */
  decision: Decision;
  /** the last attempt's validation */
  validation: ValidationResult;
  metrics: FallbackMetrics;
}

/**
 * The whole loop for one method: call, validate (both in `attempt`), decide, and either accept,
 * re-ask with adjustPrompt() on the tier decide() chose, or write the end action's body. Errors
 * thrown by `attempt` (a provider that is down) propagate unchanged: they are the caller's to handle.
 */
export async function runFallbackLoop(input: FallbackLoopInput): Promise<FallbackOutcome> {
  const policy = parseInput(fallbackPolicySchema, input.policy ?? {}, 'policy');
  const now = input.now ?? (() => performance.now());
  const recorder = createFallbackRecorder({ method: methodName(input.method), nodeType: input.nodeType, correlationId: input.correlationId }, now);
  let prompt = input.firstPrompt;
  let tier = input.startTier;

  for (let number = 1; ; number += 1) {
    const started = now();
    const result = await input.attempt({ system: prompt.system, user: prompt.user, tier, attempt: number });
    const spent = recorder.spent();
    const decision = decide(result.validation, { number, tier, tokensSpent: spent.tokensSpent + result.tokens, costMicros: spent.costMicros + result.costMicros }, policy);
    recorder.recordAttempt({ tier, tokens: result.tokens, costMicros: result.costMicros, durationMs: result.durationMs ?? now() - started, score: result.validation.score, decision });

    const done = (body: string): FallbackOutcome => ({ body, decision, validation: result.validation, metrics: recorder.toJSON() });
    if (decision.action === 'accept') return done(result.code);
    if (decision.action === 'template') return done(templateFallback(input.method, decision.reason));
    if (decision.action === 'partial') return done(partialImplementation(input.method, input.nodeType, { ...input.partialSpec, reason: decision.reason }));

    prompt = adjustPrompt(input.context, result.validation, { number }, result.code, { ...input.promptOptions, policy });
    tier = decision.next?.tier ?? tier;
  }
}

function methodName(method: MethodSpec): string {
  return typeof method === 'object' && method !== null && typeof method.name === 'string' && method.name ? method.name : 'unknown';
}
