// A tokenizer with CPython 3.12's token boundaries and tokenizer errors (messages and positions as
// CPython reports them). It runs only on sources already known to be invalid, to word the error the
// way CPython does (cpython-message.ts); the verdict itself never depends on it.
export type TokenType = 'NAME' | 'NUMBER' | 'STRING' | 'OP' | 'NEWLINE' | 'INDENT' | 'DEDENT' | 'ENDMARKER';

export interface Token {
  type: TokenType;
  text: string;
  /** 1-based line, 0-based column (UTF-16 units) */
  line: number;
  col: number;
  /** bracket depth before this token */
  depth: number;
}

export interface TokenizerError {
  message: string;
  line: number;
  /** CPython's 1-based offset */
  offset: number;
  /** index of the first token NOT produced (the error sits before it) */
  tokenIndex: number;
  indentation?: boolean;
}

export interface Tokenized {
  tokens: Token[];
  error?: TokenizerError;
  /** brackets still open at the end (innermost last) */
  open: { char: string; line: number; col: number }[];
}

const OPERATORS = ['**=', '//=', '>>=', '<<=', '...', '->', ':=', '**', '//', '<<', '>>', '<=', '>=', '==', '!=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@='];
const CLOSER: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
const MAX_DEPTH = 200;
const MAX_INDENT = 100;

export function tokenize(source: string): Tokenized {
  const tokens: Token[] = [];
  const open: Tokenized['open'] = [];
  const indents: { col: number; alt: number }[] = [{ col: 0, alt: 0 }];
  const lineStarts = [0];
  for (let k = source.indexOf('\n'); k !== -1; k = source.indexOf('\n', k + 1)) lineStarts.push(k + 1);
  const totalLines = source.endsWith('\n') ? lineStarts.length - 1 : lineStarts.length;
  let line = 1;
  let i = 0;
  const n = source.length;
  const colOf = (index: number) => index - lineStarts[line - 1]!;
  const push = (type: TokenType, text: string, index: number) => tokens.push({ type, text, line, col: colOf(index), depth: open.length });
  const fail = (message: string, l: number, offset: number, indentation = false): Tokenized => ({
    tokens,
    open,
    error: { message, line: l, offset, tokenIndex: tokens.length, ...(indentation ? { indentation } : {}) },
  });
  let atLineStart = true;
  let continued = false;
  while (i <= n) {
    if (atLineStart && open.length === 0 && !continued) {
      // measure indentation
      let col = 0;
      let alt = 0;
      let j = i;
      for (; j < n; j++) {
        const c = source[j];
        if (c === ' ') {
          col++;
          alt++;
        } else if (c === '\t') {
          col = (Math.floor(col / 8) + 1) * 8;
          alt++;
        } else if (c === '\f') {
          col = 0;
          alt = 0;
        } else break;
      }
      const c = source[j];
      if (j >= n) {
        i = n;
      } else if (c === '\n' || c === '#' || (c === '\r' && source[j + 1] === '\n')) {
        // blank or comment line: no tokens
        const eol = source.indexOf('\n', j);
        if (eol === -1) {
          i = n;
        } else {
          i = eol + 1;
          line++;
          continue;
        }
      } else {
        const top = indents[indents.length - 1]!;
        const tabError = () => fail('inconsistent use of tabs and spaces in indentation', line, 1, true);
        if (col === top.col && alt !== top.alt) return tabError();
        if (col > top.col) {
          if (alt <= top.alt) return tabError();
          if (indents.length >= MAX_INDENT) return fail('too many levels of indentation', line, 1, true);
          indents.push({ col, alt });
          push('INDENT', source.slice(i, j), i);
        } else if (col < top.col) {
          while (indents.length > 1 && col < indents[indents.length - 1]!.col) {
            indents.pop();
            push('DEDENT', '', j);
          }
          if (col !== indents[indents.length - 1]!.col) {
            const eol = source.indexOf('\n', j);
            const lineEnd = (eol === -1 ? n : eol) - lineStarts[line - 1]!;
            return fail('unindent does not match any outer indentation level', line, lineEnd + 1, true);
          }
          if (alt !== indents[indents.length - 1]!.alt) return tabError();
        }
        i = j;
      }
    }
    // inside brackets or after a backslash a new physical line is no new logical line
    atLineStart = false;
    continued = false;
    if (i >= n) break;
    const c = source[i]!;
    if (c === ' ' || c === '\t' || c === '\f' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#') {
      const eol = source.indexOf('\n', i);
      if (open.length === 0 && lastSignificant(tokens)) push('NEWLINE', '', i);
      i = eol === -1 ? n : eol + 1;
      if (eol !== -1) {
        line++;
        atLineStart = true;
        if (open.length === 0 && tokens.at(-1)?.type === 'NEWLINE') continue;
      }
      continue;
    }
    if (c === '\n') {
      if (open.length === 0 && lastSignificant(tokens)) push('NEWLINE', '', i);
      i++;
      line++;
      atLineStart = true;
      continue;
    }
    if (c === '\\') {
      const next = source[i + 1] === '\r' ? source[i + 2] : source[i + 1];
      if (next === '\n') {
        i += source[i + 1] === '\r' ? 3 : 2;
        line++;
        continued = true;
        atLineStart = true;
        continue;
      }
      if (i + 1 >= n) {
        return fail('unexpected EOF while parsing', line, colOf(i) + 1);
      }
      return fail('unexpected character after line continuation character', line, colOf(i) + 2);
    }
    // strings (with prefixes)
    const prefix = /^(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])?(?=['"])/.exec(source.slice(i, i + 3));
    if (prefix) {
      const start = i;
      const startLine = line;
      const q = i + prefix[0].length;
      const quote = source[q]!;
      const triple = source.startsWith(quote.repeat(3), q);
      const isF = /f/i.test(prefix[0]);
      let j = q + (triple ? 3 : 1);
      let closed = false;
      while (j < n) {
        const ch = source[j]!;
        if (ch === '\\') {
          if (source[j + 1] === '\n') line++;
          j += 2;
          continue;
        }
        if (ch === '\n') {
          if (!triple) break;
          line++;
        }
        if (triple ? source.startsWith(quote.repeat(3), j) : ch === quote) {
          j += triple ? 3 : 1;
          closed = true;
          break;
        }
        j++;
      }
      if (!closed) {
        const kind = `${triple ? 'triple-quoted ' : ''}${isF ? 'f-string' : 'string'} literal`;
        const detected = triple ? totalLines : startLine;
        return fail(`unterminated ${kind} (detected at line ${detected})`, startLine, start - lineStarts[startLine - 1]! + 1);
      }
      tokens.push({ type: 'STRING', text: source.slice(start, j), line: startLine, col: start - lineStarts[startLine - 1]!, depth: open.length });
      i = j;
      continue;
    }
    if (/[A-Za-z_\u0080-\uffff]/.test(c)) {
      let j = i + 1;
      while (j < n && /[A-Za-z0-9_\u0080-\uffff]/.test(source[j]!)) j++;
      push('NAME', source.slice(i, j), i);
      i = j;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(source[i + 1] ?? ''))) {
      let j = i + 1;
      while (j < n && (/[A-Za-z0-9_.]/.test(source[j]!) || ((source[j] === '+' || source[j] === '-') && /[eE]/.test(source[j - 1]!) && !/^0[xX]/.test(source.slice(i, j))))) j++;
      push('NUMBER', source.slice(i, j), i);
      i = j;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') {
      if (open.length >= MAX_DEPTH) return fail('too many nested parentheses', line, colOf(i) + 1);
      push('OP', c, i);
      open.push({ char: c, line, col: colOf(i) });
      i++;
      continue;
    }
    if (c === ')' || c === ']' || c === '}') {
      const top = open.at(-1);
      if (!top) return fail(`unmatched '${c}'`, line, colOf(i) + 1);
      if (top.char !== CLOSER[c]) {
        const where = top.line !== line ? ` on line ${top.line}` : '';
        return fail(`closing parenthesis '${c}' does not match opening parenthesis '${top.char}'${where}`, line, colOf(i) + 1);
      }
      open.pop();
      push('OP', c, i);
      i++;
      continue;
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i)) ?? c;
    if (op === '$' || op === '?' || op === '`' || op === '!') return fail('invalid syntax', line, colOf(i) + 1);
    push('OP', op, i);
    i += op.length;
  }
  if (open.length === 0 && lastSignificant(tokens)) push('NEWLINE', '', n);
  while (indents.length > 1) {
    indents.pop();
    push('DEDENT', '', n);
  }
  push('ENDMARKER', '', n);
  return { tokens, open };
}

function lastSignificant(tokens: Token[]): boolean {
  const last = tokens.at(-1);
  return !!last && last.type !== 'NEWLINE' && last.type !== 'INDENT' && last.type !== 'DEDENT';
}
