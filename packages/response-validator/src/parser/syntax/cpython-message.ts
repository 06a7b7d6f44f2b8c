// The error CPython 3.12 would report for a source already known to be invalid: the same line,
// column and message text where the token stream shows which of its rules fires (tokenizer errors,
// indentation, a header without ':', an expected indented block, assignment to a call, a missing
// comma, a bracket never closed). CPython's precedence is followed: a tokenizer error before the
// parser's error wins; a generic "invalid syntax" gives way to any tokenizer error in the file and,
// inside a bracket opened on an earlier line, to "'(' was never closed".
// Where none of these rules applies, the caller keeps tree-sitter's position with "invalid syntax".
import type { PySyntaxIssue } from '../types.js';
import { type Token, tokenize } from './py-tokenizer.js';

interface Found {
  message: string;
  line: number;
  offset: number;
  tokenIndex: number;
  generic?: boolean;
  code?: string;
}

const BLOCK_NAMES: Record<string, string> = {
  def: 'function definition',
  class: 'class definition',
};
const HEADERS = new Set(['if', 'elif', 'else', 'for', 'while', 'with', 'try', 'except', 'finally', 'def', 'class', 'async']);
const BARE_HEADERS = new Set(['else', 'try', 'finally']);
const SIMPLE_STATEMENT_WORDS = new Set(['return', 'pass', 'break', 'continue', 'raise', 'import', 'del', 'assert', 'global', 'nonlocal', 'yield']);
const KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except',
  'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try',
  'while', 'with', 'yield',
]);

const isOperand = (t: Token | undefined) =>
  !!t && ((t.type === 'NAME' && (!KEYWORDS.has(t.text) || t.text === 'None' || t.text === 'True' || t.text === 'False')) || t.type === 'NUMBER' || t.type === 'STRING' || (t.type === 'OP' && (t.text === ')' || t.text === ']' || t.text === '}')));
const startsOperand = (t: Token | undefined) =>
  !!t && ((t.type === 'NAME' && (!KEYWORDS.has(t.text) || t.text === 'None' || t.text === 'True' || t.text === 'False' || t.text === 'not' || t.text === 'lambda')) || t.type === 'NUMBER' || (t.type === 'STRING'));

export function cpythonError(source: string, fallback?: PySyntaxIssue): PySyntaxIssue | undefined {
  const { tokens, error, open } = tokenize(source);
  const parser = parserError(tokens);
  let chosen: Found | undefined;
  if (error && (!parser || parser.generic || error.tokenIndex <= parser.tokenIndex)) {
    chosen = { message: error.message, line: error.line, offset: error.offset, tokenIndex: error.tokenIndex, code: codeOf(error.message) };
  } else if (parser) {
    chosen = parser;
  }
  if (!error && open.length) {
    // the tokenizer reached the end inside brackets: the innermost one was never closed, unless the
    // parser failed earlier on the bracket's own line with a specific message
    const b = open.at(-1)!;
    // a generic failure on the bracket's own line (tree-sitter's position when no rule fired) stays generic
    const sameLineGeneric = !chosen && fallback && fallback.line === b.line && fallback.column > b.col + 1 && tokenAt(tokens, fallback.line, fallback.column - 1);
    if (!sameLineGeneric && (!chosen || chosen.generic || chosen.line > b.line || (chosen.line === b.line && chosen.message.startsWith('invalid syntax. Perhaps')))) {
      chosen = { message: `'${b.char}' was never closed`, line: b.line, offset: b.col + 1, tokenIndex: tokens.length, code: 'unclosed-bracket' };
    }
  }
  if (!chosen && fallback) {
    // a generic error where tree-sitter found it, inside a bracket opened on an earlier line → never closed
    return fallback;
  }
  if (!chosen) return undefined;
  return { code: chosen.code ?? 'invalid-syntax', message: chosen.message, line: chosen.line, column: chosen.offset };
}

/** Is there a token starting at this 0-based column of this line (the failure is mid-line, not at its end)? */
function tokenAt(tokens: Token[], line: number, col: number): boolean {
  return tokens.some((t) => t.line === line && t.col === col && t.type !== 'NEWLINE');
}

function codeOf(message: string): string {
  if (message.startsWith('unterminated')) return 'unterminated-string';
  if (message.startsWith('unmatched') || message.startsWith('closing parenthesis')) return 'unmatched-bracket';
  if (message.startsWith('unindent')) return 'unindent-mismatch';
  if (message.startsWith('inconsistent use of tabs')) return 'inconsistent-tabs';
  if (message.startsWith('too many')) return 'too-complex';
  return 'invalid-syntax';
}

/** The first parser-level error the token stream shows, with CPython's wording. */
function parserError(tokens: Token[]): Found | undefined {
  let statementStart = 0;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    const prev = tokens[k - 1];
    if (t.type === 'INDENT') {
      if (!(prev?.type === 'NEWLINE' && tokens[k - 2]?.type === 'OP' && tokens[k - 2]!.text === ':' && isBlockHeader(tokens, k - 2))) {
        return { message: 'unexpected indent', line: t.line, offset: t.text.length, tokenIndex: k, code: 'unexpected-indent' };
      }
      statementStart = k + 1;
      continue;
    }
    if (t.type === 'NEWLINE') {
      const header = headerOf(tokens, statementStart, k);
      if (header) {
        const missing = missingColon(tokens, statementStart, k, header);
        if (missing) return missing;
        if (tokens[k - 1]?.type === 'OP' && tokens[k - 1]!.text === ':' && tokens[k + 1]?.type !== 'INDENT') {
          const next = tokens[k + 1];
          if (!next) break;
          const what = BLOCK_NAMES[header.word] ?? `'${header.word}' statement`;
          const at = next.type === 'ENDMARKER' || (next.type === 'DEDENT' && tokens.slice(k + 1).every((x) => x.type === 'DEDENT' || x.type === 'ENDMARKER'))
            ? { line: t.line, offset: t.col + 1 }
            : firstReal(tokens, k + 1);
          return { message: `expected an indented block after ${what} on line ${header.line}`, ...at, tokenIndex: k + 1, code: 'expected-indent' };
        }
      } else {
        const assign = assignmentTarget(tokens, statementStart, k);
        if (assign) return assign;
      }
      const comma = missingComma(tokens, statementStart, k);
      if (comma) return comma;
      statementStart = k + 1;
      while (tokens[statementStart]?.type === 'DEDENT') statementStart++;
      continue;
    }
    if (t.type === 'DEDENT' && statementStart === k) statementStart = k + 1;
  }
  return undefined;
}

function firstReal(tokens: Token[], from: number): { line: number; offset: number } {
  let k = from;
  while (tokens[k] && (tokens[k]!.type === 'DEDENT' || tokens[k]!.type === 'INDENT')) k++;
  const t = tokens[k] ?? tokens[from]!;
  return { line: t.line, offset: t.col + 1 };
}

interface Header {
  word: string;
  line: number;
  /** index of the keyword token */
  at: number;
}

function headerOf(tokens: Token[], start: number, end: number): Header | undefined {
  const k = start;
  if (k < end && tokens[k]!.type === 'OP' && tokens[k]!.text === '@') return undefined;
  const first = tokens[k];
  if (!first || first.type !== 'NAME' || !HEADERS.has(first.text)) return undefined;
  if (first.text === 'async') {
    const next = tokens[k + 1];
    if (!next || !['def', 'for', 'with'].includes(next.text)) return undefined;
    return { word: next.text, line: first.line, at: k + 1 };
  }
  return { word: first.text, line: first.line, at: k };
}

function isBlockHeader(tokens: Token[], colonIndex: number): boolean {
  // walk back to the statement start
  let k = colonIndex;
  while (k > 0 && tokens[k - 1]!.type !== 'NEWLINE' && tokens[k - 1]!.type !== 'INDENT' && tokens[k - 1]!.type !== 'DEDENT') k--;
  const first = tokens[k];
  if (!first) return false;
  if (first.type === 'NAME' && (HEADERS.has(first.text) || first.text === 'match' || first.text === 'case')) return true;
  return false;
}

/** A compound statement whose header has no ':' at bracket depth 0. */
function missingColon(tokens: Token[], start: number, end: number, header: Header): Found | undefined {
  const base = tokens[header.at]!.depth;
  let lambdas = 0;
  for (let k = header.at + 1; k < end; k++) {
    const t = tokens[k]!;
    if (t.depth !== base) continue;
    if (t.type === 'NAME' && t.text === 'lambda') lambdas++;
    if (t.type === 'OP' && t.text === ':') {
      if (lambdas > 0) {
        lambdas--;
        continue;
      }
      return undefined;
    }
  }
  if (BARE_HEADERS.has(header.word)) {
    const next = tokens[header.at + 1]!;
    return { message: "expected ':'", line: next.line, offset: next.col + 1, tokenIndex: header.at + 1, code: 'expected-colon' };
  }
  // a statement keyword where the header's expression should end: CPython fails on it generically
  for (let k = header.at + 1; k < end; k++) {
    const t = tokens[k]!;
    if (t.depth === base && t.type === 'NAME' && SIMPLE_STATEMENT_WORDS.has(t.text)) {
      return { message: 'invalid syntax', line: t.line, offset: t.col + 1, tokenIndex: k, generic: true };
    }
  }
  const nl = tokens[end]!;
  void start;
  return { message: "expected ':'", line: nl.line, offset: nl.col + 1, tokenIndex: end, code: 'expected-colon' };
}

/** `f(x) = 1`, `a.b(c) = None`: an assignment whose target is a call. */
function assignmentTarget(tokens: Token[], start: number, end: number): Found | undefined {
  const first = tokens[start];
  if (!first || first.type !== 'NAME' || KEYWORDS.has(first.text)) return undefined;
  const base = first.depth;
  for (let k = start; k < end; k++) {
    const t = tokens[k]!;
    if (t.depth !== base || t.type !== 'OP') continue;
    if (t.text === '=') {
      const last = tokens[k - 1]!;
      if (last.type === 'OP' && last.text === ')' && k - 1 > start) {
        return { message: "cannot assign to function call here. Maybe you meant '==' instead of '='?", line: first.line, offset: first.col + 1, tokenIndex: k, code: 'invalid-target' };
      }
      return undefined;
    }
    if (t.text !== '.' && t.text !== '(' && t.text !== ')' && t.text !== '[' && t.text !== ']') return undefined;
  }
  return undefined;
}

/** Two expressions side by side inside brackets: "Perhaps you forgot a comma?" */
function missingComma(tokens: Token[], start: number, end: number): Found | undefined {
  for (let k = start + 1; k < end; k++) {
    const t = tokens[k]!;
    const prev = tokens[k - 1]!;
    if (t.depth === 0 || prev.depth !== t.depth) continue;
    if (!isOperand(prev) || !startsOperand(t)) continue;
    if (prev.type === 'STRING' && t.type === 'STRING') continue; // implicit concatenation
    if (t.type === 'NAME' && (t.text === 'if' || t.text === 'else' || t.text === 'for' || t.text === 'in' || t.text === 'and' || t.text === 'or' || t.text === 'is' || t.text === 'not')) continue;
    // start of the expression before: after the nearest ',', '(' '[' '{', '=', ':' at this depth
    let s = k - 1;
    while (s > start) {
      const b = tokens[s - 1]!;
      if (b.depth < t.depth) break;
      if (b.depth === t.depth && b.type === 'OP' && [',', '=', ':', '(', '[', '{', 'lambda'].includes(b.text)) break;
      if (b.depth === t.depth && b.type === 'NAME' && ['for', 'in', 'if', 'else', 'return', 'yield', 'lambda', 'await', 'not', 'and', 'or'].includes(b.text)) break;
      s--;
    }
    const a = tokens[s]!;
    return { message: 'invalid syntax. Perhaps you forgot a comma?', line: a.line, offset: a.col + 1, tokenIndex: k, code: 'invalid-syntax' };
  }
  return undefined;
}
