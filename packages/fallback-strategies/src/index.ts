// Public entry of @onexgen/fallback-strategies: what to do when generated code fails validation.
export { decide } from './policy/decide.js';
export type { Decision, DecisionAction } from './policy/decide.js';
export {
  attemptSchema,
  defaultPolicy,
  endActionSchema,
  fallbackPolicySchema,
} from './policy/policy.js';
export type { AttemptInput, AttemptState, EndAction, FallbackPolicy, FallbackPolicyInput } from './policy/policy.js';
export { selectFailingRules, summarizeRules } from './policy/failing-rules.js';
export { validationInputSchema } from './policy/validation-input.js';
export type { ValidationInput } from './policy/validation-input.js';

export { planRetry, retryPlanOptionsSchema } from './prompt/retry-plan.js';
export type { RetryPlan, RetryPlanOptions } from './prompt/retry-plan.js';
export type { RuleView } from './prompt/retry-feedback.js';

export { templateFallback } from './codegen/template-fallback.js';
export type { TemplateFallbackOptions } from './codegen/template-fallback.js';
export { partialImplementation, partialSpecSchema } from './codegen/partial-implementation.js';
export type { PartialSpec } from './codegen/partial-implementation.js';
export { fallbackImports } from './codegen/method-view.js';
export { methodSpecSchema } from './codegen/method-spec.js';
export type { MethodSpec } from './codegen/method-spec.js';

export { createFallbackRecorder, fallbackMetricsSchema, fallbackAttemptRecordSchema } from './metrics/fallback-recorder.js';
export type { AttemptOutcome, FallbackAttemptRecord, FallbackMetrics, FallbackRecorder } from './metrics/fallback-recorder.js';

export { FallbackError } from './errors.js';
export type { FallbackErrorCode } from './errors.js';
export { TEMPLATES_DIR } from './data-dir.js';

export { runFallbackLoop } from './loop/run-fallback-loop.js';
export type { AttemptRequest, AttemptResult, FallbackLoopInput, FallbackOutcome } from './loop/run-fallback-loop.js';

export { methodComplexity, complexityInputSchema, COMPLEX_POINTS } from './passes/complexity.js';
export type { Complexity, ComplexityInput } from './passes/complexity.js';
export { methodCriticality, criticalityInputSchema, SENSITIVE_PATTERNS } from './passes/criticality.js';
export type { Criticality, CriticalityInput } from './passes/criticality.js';
export { parseJsonAnswer } from './passes/json-answer.js';
export type { JsonAnswer } from './passes/json-answer.js';
export { parsePlanAnswer, planSchema } from './passes/plan-answer.js';
export type { ParsedPlan, Plan } from './passes/plan-answer.js';
export { parseReviewAnswer, reviewAnswerSchema, reviewIssueSchema, reviewPolicySchema, decideReview, reviewFeedback } from './passes/review-answer.js';
export type { ReviewAnswer, ReviewDecision, ReviewIssue, ReviewPolicy } from './passes/review-answer.js';
