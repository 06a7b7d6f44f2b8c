import type { ValidationIssue } from '@onexgen/response-validator';

export interface RuleView {
  ruleId: string;
  line: number;
  column: number;
  message: string;
  security: boolean;
  cwe?: string;
}

/** The failing rules as the prompt states them: at most `max`, messages on one line and cut. */
export function ruleViews(
  rules: readonly ValidationIssue[],
  isSecurity: (issue: ValidationIssue) => boolean,
  max: number,
  maxMessageChars: number,
): { rules: RuleView[]; omitted: number } {
  const shown = rules.slice(0, max).map((rule) => ({
    ruleId: rule.ruleId,
    line: rule.line,
    column: rule.column,
    message: cut(rule.message.replace(/\s+/g, ' ').trim(), maxMessageChars),
    security: isSecurity(rule),
    ...(rule.cwe ? { cwe: rule.cwe } : {}),
  }));
  return { rules: shown, omitted: rules.length - shown.length };
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
