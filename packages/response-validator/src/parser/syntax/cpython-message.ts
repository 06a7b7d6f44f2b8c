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

const EXPRESSION_STARTS = new Set(['None', 'True', 'False', 'not', 'lambda', 'await', 'yield']);

const isOperand = (t: Token | undefined) =>
  !!t && ((t.type === 'NAME' && (!KEYWORDS.has(t.text) || t.text === 'None' || t.text === 'True' || t.text === 'False')) || t.type === 'NUMBER' || t.type === 'STRING' || (t.type === 'OP' && (t.text === ')' || t.text === ']' || t.text === '}')));
const startsOperand = (t: Token | undefined) =>
  !!t && ((t.type === 'NAME' && (!KEYWORDS.has(t.text) || t.text === 'None' || t.text === 'True' || t.text === 'False' || t.text === 'not' || t.text === 'lambda')) || t.type === 'NUMBER' || (t.type === 'STRING'));

export function cpythonError(source: string, fallback?: PySyntaxIssue): PySyntaxIssue | undefined {
  const { tokens, error, open } = tokenize(source);
  const parser = parserError(tokens);
  let chosen: Found | undefined;
  // CPython tokenizes the rest of the file after any parser error: a tokenizer error anywhere wins,
  // except over "unexpected indent", which CPython raises without looking further
  // and except over any earlier parser error when the tokenizer's error is about indentation (CPython's
  // tokenizer reports those as a status code, which the look further does not turn into an exception)
  const keepsIndent = !!parser && !!error && (parser.code === 'unexpected-indent' ? parser.tokenIndex < error.tokenIndex : !!error.indentation && realTokenBefore(tokens, parser.tokenIndex, error.tokenIndex));
  if (error && !keepsIndent) {
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

/** Does a real token (not INDENT/DEDENT) at or after `from` exist before `until`? (the parser's error token was read before the tokenizer failed) */
function realTokenBefore(tokens: Token[], from: number, until: number): boolean {
  for (let k = from; k < until && k < tokens.length; k++) if (tokens[k]!.type !== 'DEDENT' && tokens[k]!.type !== 'INDENT') return true;
  return false;
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
  // the header word of every open block (innermost last), and of the block the last DEDENT closed
  const blocks: string[] = [];
  let closed: string | undefined;
  let lastHeader: string | undefined;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    const prev = tokens[k - 1];
    if (t.type === 'INDENT') {
      if (!(prev?.type === 'NEWLINE' && tokens[k - 2]?.type === 'OP' && tokens[k - 2]!.text === ':' && isBlockHeader(tokens, k - 2))) {
        return { message: 'unexpected indent', line: t.line, offset: t.text.length, tokenIndex: k, code: 'unexpected-indent' };
      }
      blocks.push(lastHeader ?? '');
      closed = undefined;
      statementStart = k + 1;
      continue;
    }
    if (t.type === 'DEDENT') {
      closed = blocks.pop();
      continue;
    }
    if (k === statementStart && t.type !== 'ENDMARKER') {
      const placed = clausePlacement(tokens, k, closed);
      if (placed) return placed;
      closed = undefined;
    }
    if (t.type === 'NEWLINE') {
      const header = headerOf(tokens, statementStart, k);
      lastHeader = header?.word;
      const adjacent = adjacentOperands(tokens, statementStart, k);
      // `if x y:` / `for k v in d:` — CPython fails at the second operand before missing ':' matters
      if (adjacent) return adjacent;
      if (header) {
        const missing = missingColon(tokens, statementStart, k, header);
        if (missing) return missing;
        if (tokens[k - 1]?.type === 'OP' && tokens[k - 1]!.text === ':' && tokens[k + 1]?.type !== 'INDENT') {
          const next = tokens[k + 1];
          if (!next) break;
          const what = BLOCK_NAMES[header.word] ?? `'${header.word}' statement`;
          const at = next.type === 'ENDMARKER' || (next.type === 'DEDENT' && tokens.slice(k + 1).every((x) => x.type === 'DEDENT' || x.type === 'ENDMARKER'))
            ? { line: t.line, offset: t.col + 1 }
            : next.type === 'DEDENT'
              ? { ...firstReal(tokens, k + 1), offset: firstReal(tokens, k + 1).offset - 1 } // CPython reports a dedented statement's 0-based column here
              : firstReal(tokens, k + 1);
          return { message: `expected an indented block after ${what} on line ${header.line}`, ...at, tokenIndex: k + 1, code: 'expected-indent' };
        }
        const condition = assignmentInCondition(tokens, header, k);
        if (condition) return condition;
      } else {
        const assign = assignmentTarget(tokens, statementStart, k);
        if (assign) return assign;
        const annotation = emptyAnnotation(tokens, statementStart, k);
        if (annotation) return annotation;
      }
      const comma = missingComma(tokens, statementStart, k);
      if (comma) return comma;
      statementStart = k + 1;
      while (tokens[statementStart]?.type === 'DEDENT') statementStart++;
      continue;
    }
  }
  return undefined;
}

const CLAUSES = new Set(['else', 'elif', 'except', 'finally']);
const CLAUSE_OF: Record<string, string[]> = {
  if: ['elif', 'else'],
  elif: ['elif', 'else'],
  for: ['else'],
  while: ['else'],
  try: ['except', 'finally', 'else'],
  except: ['except', 'else', 'finally'],
  else: ['finally'],
};

/**
 * The statement at `k` against the block just closed (`closed`, undefined when no block closed):
 * a `try:` body must be followed by `except`/`finally`; `else`/`elif`/`except`/`finally` must follow
 * a block (or a one-line compound statement) they belong to.
 */
function clausePlacement(tokens: Token[], k: number, closed: string | undefined): Found | undefined {
  const t = tokens[k]!;
  const isClause = t.type === 'NAME' && CLAUSES.has(t.text);
  if (closed === 'try' && !(t.type === 'NAME' && (t.text === 'except' || t.text === 'finally'))) {
    return { message: "expected 'except' or 'finally' block", line: t.line, offset: t.col + 1, tokenIndex: k, code: 'invalid-syntax' };
  }
  if (!isClause) return undefined;
  if (closed !== undefined) return undefined;
  // after a one-line compound statement (`if x: y`) a clause is fine
  if (k === 0) return { message: 'invalid syntax', line: t.line, offset: t.col + 1, tokenIndex: k, generic: true };
  let s = k - 1;
  while (s > 0 && tokens[s - 1]!.type !== 'NEWLINE' && tokens[s - 1]!.type !== 'INDENT' && tokens[s - 1]!.type !== 'DEDENT') s--;
  const first = tokens[s];
  const word = first?.text === 'async' ? tokens[s + 1]?.text : first?.text;
  if (first?.type === 'NAME' && word && CLAUSE_OF[word]) return undefined;
  return { message: 'invalid syntax', line: t.line, offset: t.col + 1, tokenIndex: k, generic: true };
}

const SOFT_KEYWORDS = new Set(['match', 'case', 'type', 'print', 'exec']);

/** Two operands side by side outside brackets (`i j = 1`, `eli x:`, `for k v in d:`): CPython fails at the second. */
function adjacentOperands(tokens: Token[], start: number, end: number): Found | undefined {
  for (let k = start + 1; k < end; k++) {
    const t = tokens[k]!;
    const prev = tokens[k - 1]!;
    if (t.depth !== 0 || prev.depth !== 0) continue;
    if (!isOperand(prev) || !startsOperand(t) || t.text === 'not' || t.text === 'lambda') continue;
    if (prev.type === 'STRING' && t.type === 'STRING') continue;
    if (k - 1 === start && prev.type === 'NAME' && SOFT_KEYWORDS.has(prev.text)) {
      if (prev.text === 'print' || prev.text === 'exec') {
        return { message: `Missing parentheses in call to '${prev.text}'. Did you mean ${prev.text}(...)?`, line: prev.line, offset: prev.col + 1, tokenIndex: k, code: 'invalid-syntax' };
      }
      continue;
    }
    return { message: 'invalid syntax', line: t.line, offset: t.col + 1, tokenIndex: k, generic: true };
  }
  return undefined;
}

/** `els:` — an annotation with nothing after the ':' */
function emptyAnnotation(tokens: Token[], start: number, end: number): Found | undefined {
  const last = tokens[end - 1];
  if (!last || last.type !== 'OP' || last.text !== ':' || last.depth !== 0 || end - 1 === start) return undefined;
  const nl = tokens[end]!;
  return { message: 'invalid syntax', line: nl.line, offset: nl.col + 1, tokenIndex: end, generic: true };
}

const COMPARISONS = new Set(['<', '>', '==', '>=', '<=', '!=', '=', ':=']);
const EXPRESSION_ENDS = new Set(['and', 'or', 'not', 'in', 'is', 'if', 'else', 'lambda']);

/** `if x = 1:` — CPython's invalid_named_expression wording for an `=` in an if/elif/while condition. */
function assignmentInCondition(tokens: Token[], header: Header, end: number): Found | undefined {
  if (header.word !== 'if' && header.word !== 'elif' && header.word !== 'while') return undefined;
  const base = tokens[header.at]!.depth;
  const from = header.at + 1;
  let eq = -1;
  for (let k = from; k < end; k++) {
    const t = tokens[k]!;
    if (t.depth !== base) continue;
    if (t.type === 'OP' && t.text === ':') return undefined;
    if (t.type === 'OP' && t.text === '=') {
      eq = k;
      break;
    }
  }
  if (eq < 0) return undefined;
  const a = tokens[from]!;
  const equals = tokens[eq]!;
  const generic: Found = { message: 'invalid syntax', line: equals.line, offset: equals.col + 1, tokenIndex: eq, generic: true };
  // the target must be the whole condition so far (one bitwise_or), and no second '=' follows
  for (let k = from; k < eq; k++) {
    const t = tokens[k]!;
    if (t.depth !== base) continue;
    if ((t.type === 'NAME' && EXPRESSION_ENDS.has(t.text)) || (t.type === 'OP' && COMPARISONS.has(t.text))) return generic;
  }
  for (let k = eq + 1; k < end; k++) {
    const t = tokens[k]!;
    if (t.depth === base && t.type === 'OP' && (t.text === '=' || t.text === ':=')) return generic;
  }
  const kind = targetKind(tokens, from, eq);
  if (!kind) return generic;
  const message = kind === 'name' ? "invalid syntax. Maybe you meant '==' or ':=' instead of '='?" : `cannot assign to ${kind} here. Maybe you meant '==' instead of '='?`;
  return { message, line: a.line, offset: a.col + 1, tokenIndex: eq, code: 'invalid-target' };
}

/** What CPython calls the expression tokens[from, to) in "cannot assign to …" (undefined: a list, tuple, True/None/False). */
function targetKind(tokens: Token[], from: number, to: number): string | undefined {
  const first = tokens[from]!;
  const last = tokens[to - 1]!;
  const base = first.depth;
  const top = tokens.slice(from, to).filter((t) => t.depth === base);
  if (top.length === 1) {
    if (first.type === 'NAME') return ['True', 'False', 'None'].includes(first.text) ? undefined : 'name';
    if (first.type === 'NUMBER' || first.type === 'STRING') return 'literal';
  }
  if (first.type === 'OP' && (first.text === '[' || first.text === '(')) {
    // a bracketed start: a list or tuple (CPython words those generically), unless more follows the bracket
    const closing = top.findIndex((t, i) => i > 0 && t.type === 'OP' && (t.text === ']' || t.text === ')'));
    if (closing === top.length - 1) return undefined;
  }
  const operator = top.some((t, i) => i > 0 && t.type === 'OP' && !['.', '(', ')', '[', ']'].includes(t.text)) || (top[0]!.type === 'OP' && top[0]!.text !== '(' && top[0]!.text !== '[');
  if (operator) return 'expression';
  if (last.type === 'OP' && last.text === ')') return 'function call';
  if (last.type === 'OP' && last.text === ']') return 'subscript';
  if (last.type === 'NAME' && tokens[to - 2]?.text === '.') return 'attribute';
  return 'expression';
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
  const after = tokens[header.at + 1]!;
  // `else if x:` — the ':' must follow `else`/`try`/`finally` at once
  if (BARE_HEADERS.has(header.word) && !(after.type === 'OP' && after.text === ':')) {
    return { message: "expected ':'", line: after.line, offset: after.col + 1, tokenIndex: header.at + 1, code: 'expected-colon' };
  }
  // `except if x E:` — a keyword no expression starts with, where the header's expression begins
  if (header.word !== 'def' && header.word !== 'class' && after.type === 'NAME' && KEYWORDS.has(after.text) && !EXPRESSION_STARTS.has(after.text)) {
    return { message: 'invalid syntax', line: after.line, offset: after.col + 1, tokenIndex: header.at + 1, generic: true };
  }
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
    if ((prev.type === 'NAME' && t.type === 'STRING') || inParameters(tokens, k)) {
      return { message: 'invalid syntax', line: t.line, offset: t.col + 1, tokenIndex: k, generic: true };
    }
    const a = tokens[s]!;
    return { message: 'invalid syntax. Perhaps you forgot a comma?', line: a.line, offset: a.col + 1, tokenIndex: k, code: 'invalid-syntax' };
  }
  return undefined;
}

/** Is tokens[k] directly inside a `def name(…)` parameter list? */
function inParameters(tokens: Token[], k: number): boolean {
  const depth = tokens[k]!.depth;
  for (let j = k - 1; j >= 1; j--) {
    const t = tokens[j]!;
    if (t.depth < depth) return t.text === '(' && tokens[j - 1]!.type === 'NAME' && tokens[j - 2]?.text === 'def';
  }
  return false;
}
