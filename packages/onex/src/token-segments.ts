// Splits text at line boundaries where tiktoken's pre-tokenizer is guaranteed to split too, so
// that count(text) === sum of count(segment) EXACTLY (not an estimate).
//
// Why this holds for cl100k_base and o200k_base: both split text into pieces with a regex that has
// no look-behind, and tokens never cross pieces. Take a position p right after '\n' where the
// rest of that line holds a non-whitespace character (after optional spaces/tabs) and does not
// start with '/'. Every alternative that can consume the '\n' then ends exactly at p: a
// whitespace run `\s*[\r\n]+` cannot reach another newline, and a punctuation piece `[\r\n]*`
// (o200k: `[\r\n/]*`) stops at the first non-newline. So a piece ends at p in context and in
// isolation, and matching restarts at p exactly as it would on the tail alone. Blank and
// whitespace-only lines therefore stay attached to the line before them. The property is checked
// against whole-text tiktoken counts in context-builder's test/token-counter.test.ts and llm-sim's
// test/tokens.test.ts. Shared here (the tokens subpath) by everyone who counts by segments.

const WHITESPACE = /\s/;

/** True when the line starting at `at` begins with no '/' and has a non-whitespace character. */
function isSafeStart(text: string, at: number): boolean {
  if (text.charCodeAt(at) === 47 /* / */) return false;
  for (let i = at; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return false;
    if (c === 32 || c === 9) continue;
    if (c > 32 && c < 127) return true;
    if (!WHITESPACE.test(text[i]!)) return true;
  }
  return false;
}

/** True when a segment may start at offset 0 of `text` (see isSafeStart). */
export function startsSafely(text: string): boolean {
  return text.length > 0 && isSafeStart(text, 0);
}

/** Calls `visit` with each segment's [start, end) offsets, in order; segments cover the text. */
export function forEachSegment(text: string, visit: (start: number, end: number) => void): void {
  let start = 0;
  let nl = text.indexOf('\n');
  while (nl !== -1) {
    const next = nl + 1;
    if (next < text.length && isSafeStart(text, next)) {
      visit(start, next);
      start = next;
    }
    nl = text.indexOf('\n', next);
  }
  if (start < text.length) visit(start, text.length);
}

/** Exact tokens of `text` as the sum of its segments' counts, each asked of `countSegment` (a memo's). */
export function countBySegments(text: string, countSegment: (segment: string) => number): number {
  let total = 0;
  forEachSegment(text, (start, end) => {
    total += countSegment(start === 0 && end === text.length ? text : text.slice(start, end));
  });
  return total;
}

/** The segments themselves (used for cutting text at a line boundary). */
export function splitSegments(text: string): string[] {
  const out: string[] = [];
  forEachSegment(text, (s, e) => out.push(text.slice(s, e)));
  return out;
}

/**
 * The last segment of `text` (what a newline appended to `text` would join): the text from the
 * last safe line start on. Scans backwards line by line, so it costs the tail only.
 */
export function lastSegment(text: string): string {
  let end = text.length;
  if (text.charCodeAt(end - 1) === 10) end -= 1; // the final newline belongs to the last line
  // lastIndexOf clamps a negative fromIndex to 0, so a newline at offset 0 would be found again
  // forever: the scan stops by hand once it has looked at offset 0.
  const before = (at: number): number => (at < 0 ? -1 : text.lastIndexOf('\n', at));
  for (let nl = before(end - 1); nl !== -1; nl = before(nl - 1)) {
    if (isSafeStart(text, nl + 1)) return text.slice(nl + 1);
  }
  return text;
}
