// Which top-level statements of a file an edit changes, so the edited file can be checked by parsing
// those statements alone. Why that is enough: every top-level statement of Python starts a logical
// line at column 0 after a complete one, so it is tokenised and parsed independently of the others,
// and every scope a function body can refer to (`nonlocal`, enclosing functions, its class) lies inside
// the top-level statement holding it. A file that parsed before the edit therefore parses after it when
// each changed top-level statement still parses on its own. Module-wide exceptions send the caller
// back to a whole-file parse: `from __future__ import barry_as_FLUFL` (it changes what `!=` and `<>`
// mean everywhere) and an edit outside every top-level def and class.
import type { SourceRange } from '@onexgen/response-validator';
import type { Range } from './imports.js';
import type { InjectionBase } from './injection-base.js';

/** The last definition starting at or before `offset`, if it also ends after it. */
function enclosing(list: readonly SourceRange[], offset: number): SourceRange | undefined {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.startIndex <= offset) lo = mid + 1;
    else hi = mid;
  }
  const candidate = list[lo - 1];
  return candidate && candidate.endIndex >= offset ? candidate : undefined;
}

/**
 * The [start, end) ranges in `base.source` of the top-level statements holding the `edits` (each
 * a [start, end) range to be replaced), merged and ascending; undefined when only a whole-file parse
 * can tell (see the file comment). An edit may reach past its definition's end (trailing comment lines
 * tree-sitter hangs on the next statement): the range then reaches as far.
 */
export function changedStatements(base: InjectionBase, edits: readonly Range[]): Range[] | undefined {
  if (!base.syntaxValid) return undefined;
  if (base.imports.some((i) => i.module === '__future__' && i.names.some((n) => n.name === 'barry_as_FLUFL'))) return undefined;
  const list = base.topLevel;
  const spans: [number, number][] = [];
  for (const [start, end] of [...edits].sort((a, b) => a[0] - b[0])) {
    const def = enclosing(list, start);
    if (!def) return undefined;
    const last = spans.at(-1);
    if (last && last[0] === def.startIndex) last[1] = Math.max(last[1], end);
    else spans.push([def.startIndex, Math.max(def.endIndex, end)]);
  }
  return spans;
}
