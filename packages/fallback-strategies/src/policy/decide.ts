import { formatUsd } from '@onexgen/onex';
import type { ValidationIssue } from '@onexgen/response-validator';
import { parseInput } from '../errors.js';
import { attemptSchema, defaultPolicy, fallbackPolicySchema } from './policy.js';
import type { AttemptInput, AttemptState, EndAction, FallbackPolicy, FallbackPolicyInput } from './policy.js';
import { isSecurityFinding, selectFailingRules, summarizeRules } from './failing-rules.js';
import { validationInputSchema } from './validation-input.js';
import type { ValidationInput } from './validation-input.js';

export type DecisionAction = 'accept' | 'retry' | 'escalate' | EndAction;

export interface Decision {
  action: DecisionAction;
  /** one line for a person and for metrics; names rule ids and lines, never issue messages */
  reason: string;
  /** the issues that drove the decision, security first (empty on accept) */
  failingRules: ValidationIssue[];
  /** retry/escalate only: the attempt to run next; pass `number` to the validator context as `attempt` */
  next?: { number: number; tier: string };
  /** true when a security finding blocked acceptance */
  securityFinding: boolean;
}

/**
 * What to do with one validated attempt. Pure: same inputs, same decision.
 *
 * Order of the checks: accept (passed, and no security finding whatever `passed` says) → last
 * attempt → retryable categories → budget for one more attempt → escalate if the policy allows it
 * from this attempt on and a higher tier exists → retry on the same tier.
 */
export function decide(
  validation: ValidationInput,
  attempt: AttemptInput,
  policy: FallbackPolicyInput = defaultPolicy,
): Decision {
  const result = parseInput(validationInputSchema, validation, 'validation');
  const state = parseInput(attemptSchema, attempt, 'attempt');
  return judge(result, state, parseInput(fallbackPolicySchema, policy, 'policy'));
}

/**
 * decide() under a policy already parsed: the attempt loop parses its policy once, not once per
 * attempt (the validation and the attempt still are: they come from the loop's caller).
 */
export function decideUnder(rules: FallbackPolicy, validation: ValidationInput, attempt: AttemptInput): Decision {
  const result = parseInput(validationInputSchema, validation, 'validation');
  const state = parseInput(attemptSchema, attempt, 'attempt');
  return judge(result, state, rules);
}

function judge(result: ValidationInput, state: AttemptState, rules: FallbackPolicy): Decision {
  const failingRules = selectFailingRules(result, rules);
  const security = failingRules.filter((issue) => isSecurityFinding(issue, rules));
  if (result.passed && result.syntaxValid && security.length === 0) {
    return { action: 'accept', reason: `attempt ${state.number} passed (score ${result.score.toFixed(2)})`, failingRules: [], securityFinding: false };
  }

  const summary = summarizeRules(failingRules);
  const securityFinding = security.length > 0;
  const end = (why: string): Decision => ({
    action: rules.afterLastAttempt,
    reason: `${why}: ${summary}; falling back to ${rules.afterLastAttempt}`,
    failingRules,
    securityFinding,
  });

  if (state.number >= rules.maxAttempts) return end(`attempt ${state.number} of ${rules.maxAttempts} failed`);

  const retryable = failingRules.some((issue) => issue.category === 'security' || rules.retryableCategories.includes(issue.category));
  if (!retryable) {
    const categories = [...new Set(failingRules.map((issue) => issue.category))];
    return end(categories.length > 0 ? `not retryable (${categories.join(', ')} only)` : 'rejected without a reported issue');
  }

  const overBudget = budgetShortfall(state, rules);
  if (overBudget) return end(`budget exhausted after attempt ${state.number} (${overBudget})`);

  const nextNumber = state.number + 1;
  const prefix = securityFinding ? `security finding ${summarizeRules(security)} must be removed; ` : '';
  const nextTier = escalationTier(state, rules, nextNumber);
  if (nextTier) {
    return {
      action: 'escalate',
      reason: `${prefix}attempt ${state.number} failed: ${summary}; attempt ${nextNumber} escalates ${state.tier} -> ${nextTier}`,
      failingRules,
      next: { number: nextNumber, tier: nextTier },
      securityFinding,
    };
  }
  return {
    action: 'retry',
    reason: `${prefix}attempt ${state.number} failed: ${summary}; attempt ${nextNumber} retries on ${state.tier}`,
    failingRules,
    next: { number: nextNumber, tier: state.tier },
    securityFinding,
  };
}

/**
 * Whether one more attempt fits both budgets. The next attempt is expected to cost what the caller
 * estimates, or else the average attempt so far (a retry prompt is bounded by the first prompt's
 * size, so the average is an honest guess on the same tier; pass `nextEstimate` for a dearer tier).
 */
function budgetShortfall(state: AttemptState, policy: FallbackPolicy): string | undefined {
  const nextTokens = state.nextEstimate?.tokens ?? Math.ceil(state.tokensSpent / state.number);
  const nextCost = state.nextEstimate?.costMicros ?? Math.ceil(state.costMicros / state.number);
  if (state.tokensSpent + nextTokens > policy.budget.maxTokens) {
    return `tokens: ${state.tokensSpent} spent + ~${nextTokens} next > ${policy.budget.maxTokens}`;
  }
  if (state.costMicros + nextCost > policy.budget.maxCostMicros) {
    return `cost: ${formatUsd(state.costMicros)} spent + ~${formatUsd(nextCost)} next > ${formatUsd(policy.budget.maxCostMicros)}`;
  }
  return undefined;
}

function escalationTier(state: AttemptState, policy: FallbackPolicy, nextNumber: number): string | undefined {
  const { allowed, tiers, fromAttempt } = policy.escalation;
  if (!allowed || nextNumber < fromAttempt) return undefined;
  const index = tiers.indexOf(state.tier);
  // A tier outside the ladder, or the top of it: nothing to climb to, so retry where we are.
  return index >= 0 && index < tiers.length - 1 ? tiers[index + 1] : undefined;
}
