// Small helpers over web-tree-sitter nodes shared by extraction and checks.
import type { SyntaxNode as Node } from './mirror/syntax-node.js';

/** Extras may sit between any two tokens; they are never part of the code's structure. */
export function isExtra(node: Node): boolean {
  const type = node.type;
  return type === 'comment' || type === 'line_continuation';
}

/** Node types tree-sitter lets a leading `*` bind tighter than (CPython's star takes the whole operand). */
export const TIGHTER_THAN_STAR: ReadonlySet<string> = new Set(['binary_operator', 'attribute', 'subscript', 'call']);

/** The `*x` that CPython would read as starring all of `node` (`*a.b + c`), if any. */
export function leadingStar(node: Node): Node | undefined {
  let current: Node | null = node;
  while (current && TIGHTER_THAN_STAR.has(current.type)) current = current.firstChild;
  return current && (current.type === 'list_splat' || current.type === 'list_splat_pattern') ? current : undefined;
}

export interface LiteralShape {
  /** prefix letters as written, e.g. 'Rb' */
  prefix: string;
  /** the quote character */
  quote: string;
  /** 1 or 3 */
  quoteLength: number;
  /** the text between the quotes, or undefined when the literal is not closed (only in broken trees) */
  body: string | undefined;
}

/** Prefix, quotes and body of one string literal, read from the literal's own text. */
export function literalShape(text: string): LiteralShape {
  let p = 0;
  while (p < text.length && /[A-Za-z]/.test(text[p]!)) p++;
  const quote = text[p] ?? '';
  const quoteLength = quote !== '' && text.startsWith(quote.repeat(3), p) ? 3 : 1;
  const closing = quote.repeat(quoteLength);
  const closed = text.length >= p + 2 * quoteLength && text.endsWith(closing);
  return { prefix: text.slice(0, p), quote, quoteLength, body: closed ? text.slice(p + quoteLength, text.length - quoteLength) : undefined };
}

/** Named children that are code (comments and backslash continuations left out). */
export function codeChildren(node: Node): Node[] {
  return node.namedChildren.filter((c) => !isExtra(c));
}
