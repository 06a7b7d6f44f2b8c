// The previous answer as a re-ask shows it: whole lines that fit a token budget, taken around the
// first failing rule, so a runaway answer cannot grow the retry prompt.

export interface CodeExcerpt {
  code: string;
  /** 1-based line of the previous answer the excerpt starts at */
  firstLine: number;
  omittedBefore: number;
  omittedAfter: number;
}

const CONTEXT_LINES_ABOVE = 5;

/**
 * `code` cut to whole lines within `maxTokens`. The window starts a few lines above `focusLine` so
 * the model sees the code the rule is about, and widens upwards if room is left.
 */
export function excerptAround(code: string, maxTokens: number, count: (text: string) => number, focusLine = 1): CodeExcerpt {
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
