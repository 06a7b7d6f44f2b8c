// CPython's tokenizer-level layout rules, which tree-sitter's scanner does not enforce: indentation
// (unexpected indent, unindent to a level never opened, inconsistent tabs/spaces, missing indented
// block after a header) and logical lines (a new logical line must start a statement).
//
// This is not a Python parser: it runs only over a tree tree-sitter accepted, takes the string
// literal spans from that tree (f-strings and their nested literals included) and only tracks
// brackets, comments and backslash continuations between them to find where logical lines begin.
import type { PySyntaxIssue } from '../types.js';

export interface LayoutFacts {
  /** [start, end) index pairs of the outermost string literals, in source order */
  stringSpans: number[];
  /** start indices of nodes that may begin a logical line (statements, clauses, decorators) */
  lineStarters: Set<number>;
}

interface Level {
  col: number;
  alt: number;
}

const TAB_SIZE = 8;
const MAX_INDENT_LEVELS = 100;

function issue(source: string, index: number, code: string, message: string): PySyntaxIssue {
  const lineStart = source.lastIndexOf('\n', index - 1) + 1;
  const line = countNewlines(source, index) + 1;
  return { code, message, line, column: index - lineStart + 1 };
}

function countNewlines(source: string, end: number): number {
  let n = 0;
  for (let i = source.indexOf('\n'); i !== -1 && i < end; i = source.indexOf('\n', i + 1)) n++;
  return n;
}

export function layoutErrors(source: string, facts: LayoutFacts): PySyntaxIssue[] {
  const spans = facts.stringSpans;
  const n = source.length;
  const stack: Level[] = [{ col: 0, alt: 0 }];
  let spanIdx = 0;
  let expectIndent = false;
  let i = 0;
  while (i < n) {
    // At the start of a physical line that may begin a logical line: measure the indentation.
    let col = 0;
    let alt = 0;
    while (i < n) {
      const c = source[i];
      if (c === ' ') {
        col++;
        alt++;
      } else if (c === '\t') {
        col = (Math.floor(col / TAB_SIZE) + 1) * TAB_SIZE;
        alt++;
      } else if (c === '\f') {
        col = 0;
        alt = 0;
      } else break;
      i++;
    }
    if (i >= n) break;
    const first = source[i];
    if (first === '\n' || first === '\r' || first === '#' || (first === '\\' && isNewlineAt(source, i + 1))) {
      // Blank or comment-only line (or a lone continuation): no logical line starts here.
      const eol = source.indexOf('\n', i);
      i = eol === -1 ? n : eol + 1;
      continue;
    }
    const error = checkIndent(stack, col, alt, expectIndent);
    if (error) {
      const found = issue(source, i, error.code, error.message);
      // CPython points at the line's first column for this one
      return [error.code === 'too-many-indentation-levels' ? { ...found, column: 1 } : found];
    }
    if (!facts.lineStarters.has(i)) {
      return [issue(source, i, 'invalid-syntax', 'invalid syntax: a new line starts inside a statement (missing brackets or a backslash?)')];
    }
    // Scan the logical line to its end, skipping strings, comments, bracketed newlines and continuations.
    let depth = 0;
    let last = '';
    while (i < n) {
      while (spanIdx < spans.length && spans[spanIdx]! < i) spanIdx += 2;
      if (spans[spanIdx] === i) {
        i = spans[spanIdx + 1]!;
        last = '"';
        continue;
      }
      const c = source[i]!;
      if (c === '#') {
        const eol = source.indexOf('\n', i);
        i = eol === -1 ? n : eol;
        continue;
      }
      if (c === '\\' && (isNewlineAt(source, i + 1) || i + 1 === n)) {
        i += source[i + 1] === '\r' ? 3 : 2;
        if (i >= n) return [issue(source, n, 'unexpected-eof', 'unexpected EOF while parsing (a backslash continues the last line)')];
        continue;
      }
      i++;
      if (c === '\n') {
        if (depth === 0) break;
        continue;
      }
      if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') depth = Math.max(0, depth - 1);
      else if (c === ' ' || c === '\t' || c === '\r' || c === '\f') continue;
      last = c;
    }
    expectIndent = last === ':';
  }
  if (expectIndent) return [issue(source, n, 'expected-indent', 'expected an indented block')];
  return [];
}

function isNewlineAt(source: string, i: number): boolean {
  return source[i] === '\n' || (source[i] === '\r' && source[i + 1] === '\n');
}

/** CPython's comparison of a new line's indentation with the indent stack (tabs at 8 and at 1). */
function checkIndent(stack: Level[], col: number, alt: number, expectIndent: boolean): { code: string; message: string } | undefined {
  const tabError = { code: 'inconsistent-tabs', message: 'inconsistent use of tabs and spaces in indentation' };
  const top = stack[stack.length - 1]!;
  if (col === top.col) {
    if (alt !== top.alt) return tabError;
    return expectIndent ? { code: 'expected-indent', message: 'expected an indented block' } : undefined;
  }
  if (col > top.col) {
    if (alt <= top.alt) return tabError;
    if (!expectIndent) return { code: 'unexpected-indent', message: 'unexpected indent' };
    // CPython's tokenizer MAXINDENT: the 100th level of indentation is refused
    if (stack.length >= MAX_INDENT_LEVELS) return { code: 'too-many-indentation-levels', message: 'too many levels of indentation' };
    stack.push({ col, alt });
    return undefined;
  }
  if (expectIndent) return { code: 'expected-indent', message: 'expected an indented block' };
  while (stack.length > 1 && col < stack[stack.length - 1]!.col) stack.pop();
  const level = stack[stack.length - 1]!;
  if (col !== level.col) return { code: 'unindent-mismatch', message: 'unindent does not match any outer indentation level' };
  if (alt !== level.alt) return tabError;
  return undefined;
}
