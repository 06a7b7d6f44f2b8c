// Validation results as the validator reports them, for exercising decide().
// (Template and partial bodies are checked with the real validator, in codegen tests.)
import type { ValidationIssue, ValidationResult } from '@onexgen/response-validator';

export function issue(ruleId: string, category: ValidationIssue['category'], line: number, severity: ValidationIssue['severity'] = 'error', message = `fix ${ruleId}`): ValidationIssue {
  return { ruleId, category, severity, message, line, column: 5 };
}

export function validation(issues: ValidationIssue[], passed = !issues.some((i) => i.severity === 'error')): ValidationResult {
  const syntaxValid = !issues.some((i) => i.category === 'syntax' && i.severity === 'error');
  return {
    syntaxValid,
    passed,
    score: passed ? 0.9 : 0.4,
    breakdown: { syntax: syntaxValid ? 1 : 0, compliance: 1, security: 1, quality: 1, pattern: 1 },
    issues,
    stats: { lines: 10, functions: 1, maxComplexity: 2, durationMs: 1 },
  };
}
