// CPython 3.12's own limits, checked by one linear scan BEFORE tree-sitter runs: an input CPython
// rejects for its size of nesting never reaches the wasm parser (a 1 MB `((((…` or `1+1+…` line
// used to cost ~700 MB of tree and mirror, and a 10 MB one aborted the wasm).
//
//   - more than 200 open brackets: SyntaxError "too many nested parentheses" at the 201st
//     (tokenizer MAXLEVEL), exact line and column;
//   - more than LAMBDA_LIMIT nested lambdas: MemoryError "Parser stack overflowed - Python source
//     too complex to parse" (the PEG parser's MAXSTACK);
//   - an operator chain deeper than AST_DEPTH_LIMIT (`1+1+…`, `-(-(…`, `a.b.c…`, `not not …`):
//     RecursionError "maximum recursion depth exceeded during ast construction".
// The chain count is a LOWER bound of the AST depth (a run of one precedence class whose operands
// are of higher precedence nests one BinOp per operator), so it never rejects what CPython accepts;
// the thresholds were found by bisection with CPython 3.12.1 (`x = <chain>` given to a top-level
// `ast.parse` call in `python3 -c`; CPython's recursion budget shrinks by 3 per Python frame of the
// caller, so a caller deeper in its own stack rejects a few levels earlier).
// Indentation levels (100) are checked by layout.ts, statically nested blocks by compile checks.
import type { PySyntaxIssue } from '../types.js';

export const MAX_BRACKET_DEPTH = 200;
export const LAMBDA_LIMIT = 2983;
export const AST_DEPTH_LIMIT = 2991;

export const MESSAGES = {
  parentheses: 'too many nested parentheses',
  parserStack: 'Parser stack overflowed - Python source too complex to parse',
  recursion: 'maximum recursion depth exceeded during ast construction',
} as const;

// precedence classes of left-nesting operators, low to high; a lower one ends the runs above it
const OR = 0, XOR = 1, AND = 2, SHIFT = 3, ADD = 4, MUL = 5, UNARY = 6, POW = 7, TRAILER = 8, NOT = 9;
const CLASSES = 10;
/** keywords that end every chain (lower precedence than any counted operator, or a separator) */
const RESETTING_WORDS = new Set(['and', 'or', 'in', 'is', 'if', 'else', 'for', 'async', 'await', 'yield', 'from', 'as', 'return', 'import', 'del', 'assert', 'raise', 'global', 'nonlocal', 'with', 'while', 'elif', 'except', 'case', 'match', 'def', 'class', 'pass', 'break', 'continue', 'try', 'finally']);

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c > 127;
}
function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}

interface Level {
  runs: number[];
  /** the last significant token was an operand (a name, a number, a string, a closing bracket) */
  afterOperand: boolean;
  lambdas: number;
  /** lambda colons still expected at this level */
  pendingLambdaColons: number;
}

function newLevel(lambdas = 0): Level {
  return { runs: new Array<number>(CLASSES).fill(0), afterOperand: false, lambdas, pendingLambdaColons: 0 };
}

/**
 * Whether no limit can be reached, found without tokenizing: every bracket level is one of `([{`,
 * every counted operator at least one character, every lambda six. Most method bodies are this short.
 */
function belowEveryLimit(source: string): boolean {
  if (source.length > AST_DEPTH_LIMIT) return false;
  let brackets = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if ((c === 40 || c === 91 || c === 123) && ++brackets > MAX_BRACKET_DEPTH) return false;
  }
  return true;
}

export function limitErrors(source: string): PySyntaxIssue | undefined {
  if (belowEveryLimit(source)) return undefined;
  const n = source.length;
  const stack: Level[] = [newLevel()];
  let level = stack[0]!;
  let line = 1;
  let lineStart = 0;
  let statementLine = 1;
  const at = (index: number, message: string): PySyntaxIssue => ({ code: 'too-complex', message, line, column: index - lineStart + 1 });
  const atStatement = (message: string): PySyntaxIssue => ({ code: 'too-complex', message, line: statementLine, column: 1 });
  const resetAll = () => level.runs.fill(0);
  const binary = (cls: number): PySyntaxIssue | undefined => {
    const runs = level.runs;
    for (let c = cls + 1; c < CLASSES; c++) runs[c] = 0;
    if (++runs[cls]! > AST_DEPTH_LIMIT) return atStatement(MESSAGES.recursion);
    level.afterOperand = false;
    return undefined;
  };
  let i = 0;
  while (i < n) {
    const c = source.charCodeAt(i);
    // newline: a statement ends at depth 0
    if (c === 10) {
      line++;
      lineStart = i + 1;
      if (stack.length === 1) {
        resetAll();
        level.lambdas = 0;
        level.pendingLambdaColons = 0;
        level.afterOperand = false;
        statementLine = line;
      }
      i++;
      continue;
    }
    if (c === 32 || c === 9 || c === 13 || c === 12) {
      i++;
      continue;
    }
    if (c === 35) {
      // comment
      const eol = source.indexOf('\n', i);
      i = eol === -1 ? n : eol;
      continue;
    }
    if (c === 92) {
      // backslash continuation
      i += source[i + 1] === '\r' ? 3 : 2;
      if (source[i - 1] === '\n') {
        line++;
        lineStart = i;
      }
      continue;
    }
    if (c === 34 || c === 39) {
      i = skipString(source, i, i);
      ({ line, lineStart } = advanceLines(source, i, line, lineStart));
      level.afterOperand = true;
      continue;
    }
    if (isIdentStart(c)) {
      const start = i;
      while (i < n && isIdentPart(source.charCodeAt(i))) i++;
      const q = source.charCodeAt(i);
      if ((q === 34 || q === 39) && i - start <= 3 && /^(?:[rbuf]|rb|br|fr|rf)$/i.test(source.slice(start, i))) {
        i = skipString(source, start, i);
        ({ line, lineStart } = advanceLines(source, i, line, lineStart));
        level.afterOperand = true;
        continue;
      }
      const word = source.slice(start, i);
      if (word === 'lambda') {
        resetAll();
        if (++level.lambdas > LAMBDA_LIMIT) return atStatement(MESSAGES.parserStack);
        level.pendingLambdaColons++;
        level.afterOperand = false;
      } else if (word === 'not') {
        // `not` nests: a run of prefix nots is one UnaryOp each
        for (let k = 0; k < NOT; k++) level.runs[k] = 0;
        if (++level.runs[NOT]! > AST_DEPTH_LIMIT) return atStatement(MESSAGES.recursion);
        level.afterOperand = false;
      } else if (RESETTING_WORDS.has(word)) {
        resetAll();
        level.afterOperand = false;
      } else {
        level.afterOperand = true;
      }
      continue;
    }
    if (c >= 48 && c <= 57) {
      // a number (digits, letters, dots, exponent signs)
      i++;
      while (i < n) {
        const d = source.charCodeAt(i);
        if (isIdentPart(d) || d === 46) i++;
        else if ((d === 43 || d === 45) && /[eE]/.test(source[i - 1]!) && !/^0[xX]/.test(source.slice(Math.max(0, i - 20), i))) i++;
        else break;
      }
      level.afterOperand = true;
      continue;
    }
    if (c === 40 || c === 91 || c === 123) {
      if (stack.length > MAX_BRACKET_DEPTH) return at(i, MESSAGES.parentheses);
      // a call or subscript on an operand is a trailer (Call/Subscript nest like attributes)
      if (level.afterOperand && c !== 123) {
        const err = binary(TRAILER);
        if (err) return err;
      }
      level = newLevel(level.lambdas);
      stack.push(level);
      i++;
      continue;
    }
    if (c === 41 || c === 93 || c === 125) {
      if (stack.length > 1) {
        stack.pop();
        level = stack[stack.length - 1]!;
      }
      level.afterOperand = true;
      i++;
      continue;
    }
    // operators
    const two = source.slice(i, i + 2);
    const three = source.slice(i, i + 3);
    let width = 1;
    let err: PySyntaxIssue | undefined;
    if (three === '**=' || three === '//=' || three === '>>=' || three === '<<=' || three === '...') {
      width = 3;
      if (three === '...') level.afterOperand = true;
      else resetAll();
    } else if (two === '**') {
      width = 2;
      err = binary(POW);
    } else if (two === '//') {
      width = 2;
      err = binary(MUL);
    } else if (two === '<<' || two === '>>') {
      width = 2;
      err = binary(SHIFT);
    } else if (two === '->' || two === ':=' || two === '==' || two === '!=' || two === '<=' || two === '>=' || (two[1] === '=' && '+-*/%@&|^'.includes(two[0]!))) {
      width = 2;
      resetAll();
      level.afterOperand = false;
    } else {
      const ch = source[i]!;
      if (ch === '+' || ch === '-' || ch === '~') {
        if (level.afterOperand && ch !== '~') err = binary(ADD);
        else {
          for (let k = 0; k < UNARY; k++) level.runs[k] = 0;
          for (let k = UNARY + 1; k < CLASSES; k++) if (k !== POW) level.runs[k] = 0;
          if (++level.runs[UNARY]! > AST_DEPTH_LIMIT) err = atStatement(MESSAGES.recursion);
        }
      } else if (ch === '*' || ch === '/' || ch === '%' || ch === '@') {
        if (level.afterOperand) err = binary(MUL);
        else resetAll(); // star-args, decorators
      } else if (ch === '&') err = binary(AND);
      else if (ch === '^') err = binary(XOR);
      else if (ch === '|') err = binary(OR);
      else if (ch === '.') {
        if (level.afterOperand) {
          err = binary(TRAILER);
        }
      } else if (ch === ':' && level.pendingLambdaColons > 0) {
        level.pendingLambdaColons--;
        level.afterOperand = false;
      } else {
        // , ; = : < > and the rest end every chain
        resetAll();
        if (ch !== ':') level.lambdas = stack.length > 1 ? stack[stack.length - 2]!.lambdas : 0;
        if (ch === ';') statementLine = line;
        level.afterOperand = false;
      }
    }
    if (err) return err;
    i += width;
  }
  return undefined;
}

/** End index of the string literal whose quote starts at `quote` (prefix from `start`); unterminated: end of line/file. */
function skipString(source: string, _start: number, quote: number): number {
  const q = source[quote]!;
  const triple = source.startsWith(q + q + q, quote);
  const close = triple ? q + q + q : q;
  let i = quote + close.length;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === '\\') {
      i += 2;
      continue;
    }
    if (!triple && ch === '\n') return i; // unterminated: tree-sitter and the checks report it
    if (source.startsWith(close, i)) return i + close.length;
    i++;
  }
  return source.length;
}

function advanceLines(source: string, end: number, line: number, lineStart: number): { line: number; lineStart: number } {
  // only triple-quoted strings cross lines; count the newlines they hold
  let l = line;
  let s = lineStart;
  for (let k = source.indexOf('\n', s); k !== -1 && k < end; k = source.indexOf('\n', k + 1)) {
    l++;
    s = k + 1;
  }
  return { line: l, lineStart: s };
}
