// What changes in the prompt of the attempt after a rejected one: which rules failed (security
// first, capped), which answer is shown again and around which line, which context parts the
// attempt number leaves out, and how large the prompt may get. Deciding only: the prompt itself is
// built, counted and trimmed by @onexgen/context-builder's buildRetryPrompt(context, plan).
import { z } from 'zod';
import { FallbackError, parseInput } from '../errors.js';
import { isSecurityFinding, selectFailingRules } from '../policy/failing-rules.js';
import { defaultPolicy, fallbackPolicySchema } from '../policy/policy.js';
import { validationInputSchema, type ValidationInput } from '../policy/validation-input.js';
import { ruleViews, type RuleView } from './retry-feedback.js';

export const retryPlanOptionsSchema = z
  .object({
    /** the policy in force: its maxAttempts and securityBlockingSeverity shape the prompt */
    policy: fallbackPolicySchema.optional(),
    /** failing rules stated in the prompt, security first */
    maxFailingRules: z.number().int().min(1).default(8),
    /** each rule message is cut to this many characters */
    maxRuleMessageChars: z.number().int().min(40).default(240),
    /** the previous answer is cut to this many tokens (whole lines around the first failing rule) */
    maxPreviousCodeTokens: z.number().int().min(50).default(1200),
    /** room for the rejected-attempt block on top of the first prompt's size (the default bound) */
    feedbackTokens: z.number().int().nonnegative().default(2000),
    /** hard bound on system + user tokens; default: first-prompt tokens + feedbackTokens */
    maxTokens: z.number().int().positive().optional(),
  })
  .strict();

export type RetryPlanOptions = z.input<typeof retryPlanOptionsSchema>;

export interface RetryPlan {
  /** the attempt the prompt is for (give it to the validator context as `attempt`) */
  attempt: number;
  /** the attempt that was rejected */
  previousAttempt: number;
  maxAttempts: number;
  /** the failing rules as the prompt states them, security first */
  rules: RuleView[];
  /** failing rules left out of the list (lower priority) */
  omittedRules: number;
  /** the rejected answer's code, shown once */
  previousCode: string;
  /** the line of the first failing rule: the excerpt of a long answer is taken around it */
  focusLine?: number;
  /** the previous answer is cut to this many tokens */
  maxPreviousCodeTokens: number;
  /** what this attempt number leaves out of the context, whatever the size */
  leaveOut: { references: boolean; nonCriticalPatterns: boolean };
  /** the size bound: `maxTokens` when given, else the first prompt's tokens + `feedbackTokens` */
  bound: { maxTokens?: number; feedbackTokens: number };
}

/**
 * The plan for the attempt after `failed`: attempt 2 leaves out the reference implementations,
 * attempt 3+ also the non-critical patterns; the failing rules are stated and the previous answer
 * is shown once. Only the latest rules and answer appear, both capped, so the prompt does not grow
 * with the attempt number.
 */
export function planRetry(validation: ValidationInput, failed: { number: number }, previousCode: string, options: RetryPlanOptions = {}): RetryPlan {
  const result = parseInput(validationInputSchema, validation, 'validation');
  const previous = parseInput(z.looseObject({ number: z.number().int().min(1) }), failed, 'attempt').number;
  const opts = parseInput(retryPlanOptionsSchema, options, 'options');
  if (typeof previousCode !== 'string') throw new FallbackError('INVALID_INPUT', 'invalid previousCode: expected a string');
  const policy = opts.policy ?? defaultPolicy;
  const attempt = previous + 1;
  const failing = selectFailingRules(result, policy);
  const { rules, omitted } = ruleViews(failing, (issue) => isSecurityFinding(issue, policy), opts.maxFailingRules, opts.maxRuleMessageChars);
  return {
    attempt,
    previousAttempt: previous,
    maxAttempts: Math.max(policy.maxAttempts, attempt),
    rules,
    omittedRules: omitted,
    previousCode,
    ...(failing[0] ? { focusLine: failing[0].line } : {}),
    maxPreviousCodeTokens: opts.maxPreviousCodeTokens,
    leaveOut: { references: attempt >= 2, nonCriticalPatterns: attempt >= 3 },
    bound: { ...(opts.maxTokens !== undefined ? { maxTokens: opts.maxTokens } : {}), feedbackTokens: opts.feedbackTokens },
  };
}
