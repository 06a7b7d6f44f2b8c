// Small helpers over web-tree-sitter nodes shared by extraction and checks.
import type { Node } from 'web-tree-sitter';

/** Extras may sit between any two tokens; they are never part of the code's structure. */
export function isExtra(node: Node): boolean {
  return node.type === 'comment' || node.type === 'line_continuation';
}

/** Node types tree-sitter lets a leading `*` bind tighter than (CPython's star takes the whole operand). */
export const TIGHTER_THAN_STAR: ReadonlySet<string> = new Set(['binary_operator', 'attribute', 'subscript', 'call']);

/** The `*x` that CPython would read as starring all of `node` (`*a.b + c`), if any. */
export function leadingStar(node: Node): Node | undefined {
  let current: Node | null = node;
  while (current && TIGHTER_THAN_STAR.has(current.type)) current = current.firstChild;
  return current && (current.type === 'list_splat' || current.type === 'list_splat_pattern') ? current : undefined;
}

/** Named children that are code (comments and backslash continuations left out). */
export function codeChildren(node: Node): Node[] {
  return node.namedChildren.filter((c) => !isExtra(c));
}
