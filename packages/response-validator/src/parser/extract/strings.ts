// String literals and comments. A `string` node's children are string_start (prefix + quotes),
// string_content / escape_sequence / interpolation pieces, and string_end.
import type { SyntaxNode as Node } from '../mirror/syntax-node.js';
import { rangeOf } from '../ranges.js';
import { literalShape } from '../tree-utils.js';
import type { PyComment, PyString } from '../types.js';

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
};

/** Prefix letters of a literal (lower-cased), e.g. 'rb' for `Rb'x'`. */
export function stringPrefix(node: Node): string {
  return literalShape(node.text).prefix.toLowerCase();
}

/** Applies Python's escape rules to the body of a non-raw literal (\N{...} is kept as written). */
export function decodeEscapes(body: string): string {
  return body.replace(
    /\\(\r\n|\n|[0-7]{1,3}|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/gs,
    (whole, esc: string) => {
      if (esc === '\n' || esc === '\r\n') return '';
      const simple = SIMPLE_ESCAPES[esc];
      if (simple !== undefined) return simple;
      if (/^[0-7]/.test(esc)) return String.fromCodePoint(parseInt(esc, 8));
      if (/^[xuU]/.test(esc) && esc.length > 1) {
        const code = parseInt(esc.slice(1), 16);
        return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return whole;
    },
  );
}

/** The text between the quotes, from the node's children when the literal is not closed. */
function bodyOf(node: Node, text: string): string {
  const start = node.firstChild;
  const end = node.lastChild;
  const bodyStart = start?.type === 'string_start' ? start.endIndex : node.startIndex;
  const bodyEnd = end?.type === 'string_end' ? end.startIndex : node.endIndex;
  const relStart = bodyStart - node.startIndex;
  return text.slice(relStart, Math.max(relStart, bodyEnd - node.startIndex));
}

export function extractString(node: Node, isDocstring: boolean): PyString {
  const text = node.text;
  const shape = literalShape(text);
  const body = shape.body ?? bodyOf(node, text);
  const prefix = shape.prefix.toLowerCase();
  const isFString = prefix.includes('f');
  const isRaw = prefix.includes('r');
  return {
    text,
    value: isFString || isRaw ? body : decodeEscapes(body),
    isFString,
    isDocstring,
    range: rangeOf(node),
  };
}

export function extractComment(node: Node): PyComment {
  return { text: node.text, range: rangeOf(node) };
}
