// CPython's docstring rule: the first statement of a module, class or function body is an
// expression statement holding a plain (non-f, non-bytes) string literal or a concatenation of them.
import type { SyntaxNode as Node } from '../mirror/syntax-node.js';
import { rangeOf } from '../ranges.js';
import { isExtra } from '../tree-utils.js';
import type { PyDocstring } from '../types.js';
import { extractString, stringPrefix } from './strings.js';

function isPlainString(node: Node): boolean {
  const prefix = stringPrefix(node);
  return !prefix.includes('f') && !prefix.includes('b');
}

/** The literal node(s) acting as docstring of `block`, or undefined. */
export function docstringNode(block: Node | null): Node | undefined {
  if (!block) return undefined;
  const first = block.namedChildren.find((child) => !isExtra(child));
  if (!first || first.type !== 'expression_statement' || first.namedChildCount !== 1) return undefined;
  const expr = first.namedChild(0);
  if (!expr) return undefined;
  if (expr.type === 'string' && isPlainString(expr)) return expr;
  if (expr.type === 'concatenated_string' && expr.namedChildren.every((s) => s !== null && s.type === 'string' && isPlainString(s))) {
    return expr;
  }
  return undefined;
}

/** Docstring text (escape-processed content, parts of a concatenation joined) and its range. */
export function docstringOf(node: Node): PyDocstring {
  const parts = node.type === 'concatenated_string' ? node.namedChildren : [node];
  return { text: parts.map((part) => extractString(part, true).value).join(''), range: rangeOf(node) };
}
