// Small helpers over web-tree-sitter nodes shared by extraction and checks.
import type { Node } from 'web-tree-sitter';

/** Extras may sit between any two tokens; they are never part of the code's structure. */
export function isExtra(node: Node): boolean {
  return node.type === 'comment' || node.type === 'line_continuation';
}

/** Named children that are code (comments and backslash continuations left out). */
export function codeChildren(node: Node): Node[] {
  return node.namedChildren.filter((c) => !isExtra(c));
}
