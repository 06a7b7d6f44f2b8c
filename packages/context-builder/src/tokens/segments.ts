// Splits text at line boundaries where tiktoken's pre-tokenizer is guaranteed to split too, so
// that count(text) === sum of count(segment) EXACTLY (not an estimate).
//
// Why this holds for cl100k_base and o200k_base: both split text into pieces with a regex that has
// no look-behind, and tokens never cross pieces. At a position p right after '\n', when the next
// character is not '\r', '\n' (whitespace-newline runs would continue) or '/' (o200k's punctuation
// piece may absorb [\r\n/]*), every alternative that can consume the '\n' ends exactly at p, so a
// piece ends at p in context and in isolation, and matching restarts at p exactly as it would on
// the tail alone. Blank lines therefore stay attached to the line before them. The property is
// checked against whole-text tiktoken counts in test/token-counter.test.ts.

function isSafeStart(code: number | undefined): boolean {
  return code !== undefined && code !== 10 /* \n */ && code !== 13 /* \r */ && code !== 47 /* / */;
}

/** Calls `visit` with each segment's [start, end) offsets, in order; segments cover the text. */
export function forEachSegment(text: string, visit: (start: number, end: number) => void): void {
  let start = 0;
  let nl = text.indexOf('\n');
  while (nl !== -1) {
    const next = nl + 1;
    if (isSafeStart(text.charCodeAt(next)) && next < text.length) {
      visit(start, next);
      start = next;
    }
    nl = text.indexOf('\n', next);
  }
  if (start < text.length) visit(start, text.length);
}

/** The segments themselves (used for cutting text at a line boundary). */
export function splitSegments(text: string): string[] {
  const out: string[] = [];
  forEachSegment(text, (s, e) => out.push(text.slice(s, e)));
  return out;
}
