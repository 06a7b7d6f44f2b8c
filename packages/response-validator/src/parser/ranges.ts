// Converts tree-sitter positions (0-based rows, UTF-16 code-unit columns) into the contract's
// 1-based SourceRange. Columns count UTF-16 code units, like startIndex, so they agree with
// `source.slice` (CPython counts UTF-8 bytes; the two differ only on non-ASCII lines).
import type { SyntaxNode as Node } from './mirror/syntax-node.js';
import type { SourceRange } from './types.js';

export function rangeOf(node: Node): SourceRange {
  const start = node.startPosition;
  const end = node.endPosition;
  return {
    startLine: start.row + 1,
    startColumn: start.column + 1,
    endLine: end.row + 1,
    endColumn: end.column + 1,
    startIndex: node.startIndex,
    endIndex: node.endIndex,
  };
}

/** A range spanning from the start of `first` to the end of `last`. */
export function spanOf(first: Node, last: Node): SourceRange {
  const a = rangeOf(first);
  const b = rangeOf(last);
  return { ...a, endLine: b.endLine, endColumn: b.endColumn, endIndex: b.endIndex };
}

/** Leading whitespace of the line that contains `index`. */
export function lineIndentAt(source: string, index: number): string {
  const lineStart = source.lastIndexOf('\n', index - 1) + 1;
  let end = lineStart;
  while (end < source.length && (source[end] === ' ' || source[end] === '\t' || source[end] === '\f')) end++;
  return source.slice(lineStart, end);
}

/** Start index of every line ('\n'-separated) of `text`. */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}
