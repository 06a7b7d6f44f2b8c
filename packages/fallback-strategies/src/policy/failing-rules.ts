import type { ValidationIssue } from '@onexgen/response-validator';
import type { FallbackPolicy } from './policy.js';
import type { ValidationInput } from './validation-input.js';

const SEVERITY_RANK = { info: 0, warning: 1, error: 2 } as const;
// Security first (it is never accepted), then what stops the code from running, then the rest.
const CATEGORY_ORDER = { security: 0, syntax: 1, behaviour: 2, compliance: 3, quality: 4, pattern: 5 } as const;

export function isSecurityFinding(issue: ValidationIssue, policy: Pick<FallbackPolicy, 'securityBlockingSeverity'>): boolean {
  return issue.category === 'security' && SEVERITY_RANK[issue.severity] >= SEVERITY_RANK[policy.securityBlockingSeverity];
}

/**
 * The rules that made the validation fail: every error, plus every security finding at or above the
 * policy's blocking severity. When the validator rejected the code without an error (score below
 * its threshold), the warnings are what drove the verdict, so they are returned instead.
 */
export function selectFailingRules(
  validation: ValidationInput,
  policy: Pick<FallbackPolicy, 'securityBlockingSeverity'>,
): ValidationIssue[] {
  let failing = validation.issues.filter((issue) => issue.severity === 'error' || isSecurityFinding(issue, policy));
  if (failing.length === 0 && !validation.passed) {
    failing = validation.issues.filter((issue) => issue.severity === 'warning');
  }
  return [...failing].sort(
    (a, b) => CATEGORY_ORDER[a.category] - CATEGORY_ORDER[b.category] || a.line - b.line || a.column - b.column,
  );
}

/**
 * A short, secret-free summary for reasons and metrics: rule ids and lines only. Messages can quote
 * the offending code (a hard-coded key, say), so they never go into reasons.
 */
export function summarizeRules(rules: readonly ValidationIssue[], shown = 4): string {
  if (rules.length === 0) return 'no issue reported';
  const head = rules.slice(0, shown).map((rule) => `${rule.ruleId}@${rule.line}`);
  const more = rules.length > shown ? ` +${rules.length - shown} more` : '';
  return head.join(', ') + more;
}
