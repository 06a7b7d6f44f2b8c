// tree-sitter's indentation scanner fails on continuation lines (inside brackets or after a
// backslash) indented no deeper than their statement, e.g. a call split so that `:3])` starts at
// column 0. CPython ignores indentation there. When tree-sitter reports errors, the parser retries
// once with such lines indented one space deeper than their statement, and maps positions back.
import type { PositionMap } from '../fragment-mapping.js';
import { lineStartsOf } from '../ranges.js';

export interface Reindented {
  source: string;
  map: PositionMap;
}

function indentWidth(source: string, i: number): number {
  let j = i;
  while (source[j] === ' ' || source[j] === '\t' || source[j] === '\f') j++;
  return j - i;
}

/** Undefined when no continuation line needs more indentation (a retry would change nothing). */
export function reindentContinuations(source: string, stringSpans: number[]): Reindented | undefined {
  const lineStarts = lineStartsOf(source);
  const added = new Array<number>(lineStarts.length).fill(0);
  let depth = 0;
  let continued = false;
  let statementIndent = 0;
  let spanIdx = 0;
  let line = 0;
  let i = 0;
  let changed = false;
  while (line < lineStarts.length) {
    i = lineStarts[line]!;
    const width = indentWidth(source, i);
    const first = source[i + width];
    const blank = first === undefined || first === '\n' || first === '\r' || first === '#';
    if (depth > 0 || continued) {
      if (!blank && width <= statementIndent) {
        added[line] = statementIndent + 1 - width;
        changed = true;
      }
    } else if (!blank) statementIndent = width;
    continued = false;
    // Scan to the end of this physical line (or past a string that spans lines).
    let next = source.indexOf('\n', i);
    while (i < source.length) {
      while (spanIdx < stringSpans.length && stringSpans[spanIdx]! < i) spanIdx += 2;
      if (stringSpans[spanIdx] === i) {
        i = stringSpans[spanIdx + 1]!;
        if (next !== -1 && i > next) {
          while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= i) line++;
          next = source.indexOf('\n', i);
        }
        continue;
      }
      const c = source[i];
      if (c === '\n') break;
      if (c === '#') {
        i = next === -1 ? source.length : next;
        continue;
      }
      if (c === '\\' && (source[i + 1] === '\n' || (source[i + 1] === '\r' && source[i + 2] === '\n'))) continued = true;
      else if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') depth = Math.max(0, depth - 1);
      i++;
    }
    line++;
  }
  if (!changed) return undefined;
  const pieces: string[] = [];
  lineStarts.forEach((start, k) => {
    const end = k + 1 < lineStarts.length ? lineStarts[k + 1]! : source.length;
    pieces.push(' '.repeat(added[k]!), source.slice(start, end));
  });
  return {
    source: pieces.join(''),
    map: {
      target: source,
      lineStarts,
      prefixLines: 0,
      indent: '',
      mapPosition: (l, column) => ({ line: l, column: Math.max(1, column - (added[l - 1] ?? 0)) }),
    },
  };
}
