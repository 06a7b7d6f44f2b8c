// Public entry of @onexgen/fallback-strategies: what to do when generated code fails validation.
export { decide } from './policy/decide.js';
export type { Decision } from './policy/decide.js';
export { defaultPolicy, fallbackPolicySchema } from './policy/policy.js';
export type { AttemptInput, FallbackPolicyInput } from './policy/policy.js';

export { planRetry } from './prompt/retry-plan.js';
export type { RetryPlan, RetryPlanOptions } from './prompt/retry-plan.js';

export { templateFallback } from './codegen/template-fallback.js';
export { partialImplementation } from './codegen/partial-implementation.js';
export { fallbackImports } from './codegen/method-view.js';
export type { MethodSpec } from './codegen/method-spec.js';

export { createFallbackRecorder, fallbackMetricsSchema } from './metrics/fallback-recorder.js';
export type { FallbackMetrics, FallbackRecorder } from './metrics/fallback-recorder.js';

export { FallbackError } from './errors.js';
export { TEMPLATES_DIR } from './data-dir.js';

export { runFallbackLoop } from './loop/run-fallback-loop.js';
export type { AttemptRequest, AttemptResult, FallbackLoopInput, FallbackOutcome } from './loop/run-fallback-loop.js';

export { methodComplexity, COMPLEX_POINTS } from './passes/complexity.js';
export type { Complexity } from './passes/complexity.js';
export { methodCriticality, SENSITIVE_PATTERNS } from './passes/criticality.js';
export type { Criticality } from './passes/criticality.js';
export { parsePlanAnswer } from './passes/plan-answer.js';
export type { ParsedPlan, Plan } from './passes/plan-answer.js';
export { parseReviewAnswer, decideReview } from './passes/review-answer.js';
export type { ReviewDecision } from './passes/review-answer.js';
