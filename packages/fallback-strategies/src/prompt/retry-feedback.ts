import type { ValidationIssue } from '@onexgen/response-validator';
import type { CountTokens } from './token-counter.js';

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

/**
 * The previous answer, shown once: whole lines from the top while they fit in `maxTokens`, so a
 * runaway answer cannot grow the retry prompt. Returns the kept text and how many lines were cut.
 */
export function truncateCode(code: string, maxTokens: number, count: CountTokens): { code: string; omittedLines: number } {
  const lines = code.replace(/\r\n?/g, '\n').replace(/\s+$/, '').split('\n');
  if (count(lines.join('\n')) <= maxTokens) return { code: lines.join('\n'), omittedLines: 0 };
  const kept: string[] = [];
  let used = 0;
  for (const line of lines) {
    const cost = count(line + '\n');
    if (used + cost > maxTokens) break;
    kept.push(line);
    used += cost;
  }
  return { code: kept.join('\n'), omittedLines: lines.length - kept.length };
}

/** A Markdown fence longer than any backtick run inside the code, so the code cannot close it. */
export function fenceFor(code: string): string {
  const longest = Math.max(0, ...[...code.matchAll(/`+/g)].map((match) => match[0].length));
  return '`'.repeat(Math.max(3, longest + 1));
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
