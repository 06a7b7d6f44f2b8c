import type { ValidationIssue } from '@onexgen/response-validator';

/** Exact tokens of a text (by default @onexgen/onex/tokens' cl100k_base count). */
export type CountTokens = (text: string) => number;

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

export interface CodeExcerpt {
  code: string;
  /** 1-based line of the previous answer the excerpt starts at */
  firstLine: number;
  omittedBefore: number;
  omittedAfter: number;
}

/**
 * The previous answer, shown once, cut to whole lines that fit in `maxTokens` so a runaway answer
 * cannot grow the retry prompt. The window starts a few lines above `focusLine` (the first failing
 * rule's line) so the model sees the code the rule is about, and widens upwards if room is left.
 */
export function truncateCode(code: string, maxTokens: number, count: CountTokens, focusLine = 1): CodeExcerpt {
  const lines = code.replace(/\r\n?/g, '\n').replace(/\s+$/, '').split('\n');
  if (count(lines.join('\n')) <= maxTokens) return { code: lines.join('\n'), firstLine: 1, omittedBefore: 0, omittedAfter: 0 };
  const cost = (index: number) => count(`${lines[index]}\n`);
  let first = Math.min(Math.max(0, focusLine - 1 - CONTEXT_LINES_ABOVE), lines.length - 1);
  let end = first;
  let used = 0;
  while (end < lines.length && used + cost(end) <= maxTokens) used += cost(end++);
  while (first > 0 && used + cost(first - 1) <= maxTokens) used += cost(--first);
  return { code: lines.slice(first, end).join('\n'), firstLine: first + 1, omittedBefore: first, omittedAfter: lines.length - end };
}

const CONTEXT_LINES_ABOVE = 5;

/** A Markdown fence longer than any backtick run inside the code, so the code cannot close it. */
export function fenceFor(code: string): string {
  const longest = Math.max(0, ...[...code.matchAll(/`+/g)].map((match) => match[0].length));
  return '`'.repeat(Math.max(3, longest + 1));
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
