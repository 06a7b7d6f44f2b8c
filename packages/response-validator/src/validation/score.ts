// The quality score. Documented in the README ("Score"):
//   category score  s_c = max(0, 1 − Σ penalty(severity) over the category's issues)
//   score           = Σ_c w_c · s_c / Σ_c w_c      (weights and penalties come from the profile)
//   syntax invalid  → every category and the score are 0 (nothing else could be checked)
//   passed          = syntax valid and no issue of severity 'error'
import type { ResolvedProfile } from '../profiles/schema.js';
import type { ScoreBreakdown, ValidationIssue } from './validation-types.js';

const CATEGORIES = ['syntax', 'compliance', 'security', 'quality', 'pattern'] as const;

export function scoreIssues(issues: ValidationIssue[], syntaxValid: boolean, profile: ResolvedProfile): { score: number; breakdown: ScoreBreakdown; passed: boolean } {
  const breakdown: ScoreBreakdown = { syntax: 0, compliance: 0, security: 0, quality: 0, pattern: 0 };
  if (!syntaxValid) return { score: 0, breakdown, passed: false };
  const penalty = { syntax: 0, compliance: 0, security: 0, quality: 0, pattern: 0 };
  // 'behaviour' issues come from running the code (the sandbox), never from this validator: not scored here
  for (const issue of issues) if (issue.category !== 'behaviour') penalty[issue.category] += profile.penalties[issue.severity];
  let weighted = 0;
  let total = 0;
  for (const c of CATEGORIES) {
    breakdown[c] = round(Math.max(0, 1 - penalty[c]));
    weighted += profile.weights[c] * breakdown[c];
    total += profile.weights[c];
  }
  return {
    score: total > 0 ? round(weighted / total) : 0,
    breakdown,
    passed: !issues.some((i) => i.severity === 'error'),
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
