// Syntax errors tree-sitter itself reports: ERROR nodes (unparseable spans) and MISSING nodes
// (tokens it had to invent to recover). Only subtrees flagged `hasError` are visited.
import type { SyntaxNode as Node } from '../mirror/syntax-node.js';
import { rangeOf } from '../ranges.js';
import { isExtra } from '../tree-utils.js';
import type { PySyntaxIssue } from '../types.js';

function excerpt(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 40 ? `${oneLine.slice(0, 37)}...` : oneLine;
}

export function issueAt(node: Node, code: string, message: string): PySyntaxIssue {
  const range = rangeOf(node);
  return { code, message, line: range.startLine, column: range.startColumn, ...range };
}

function hiddenError(node: Node): PySyntaxIssue {
  let previous: Node | undefined;
  for (const child of node.namedChildren) {
    if (isExtra(child)) continue;
    if (previous && child.startPosition.row === previous.endPosition.row && previous.nextSibling?.type !== ';') {
      return issueAt(child, 'invalid-syntax', 'invalid syntax: two statements on one line need a newline or ";" between them');
    }
    previous = child;
  }
  return issueAt(node, 'invalid-syntax', 'invalid syntax');
}

export function treeErrors(root: Node): PySyntaxIssue[] {
  const issues: PySyntaxIssue[] = [];
  const visit = (node: Node): void => {
    if (node.isMissing) {
      const expected = node.type.length > 0 ? node.type : 'a token';
      issues.push(issueAt(node, 'missing-token', `invalid syntax: expected '${expected}'`));
      return;
    }
    if (node.isError) {
      const near = excerpt(node.text);
      issues.push(issueAt(node, 'invalid-syntax', near ? `invalid syntax near '${near}'` : 'invalid syntax'));
      return;
    }
    const before = issues.length;
    for (const child of node.children) if (child.hasError) visit(child);
    // tree-sitter may flag a node without exposing the cause (a newline it had to skip or invent
    // between two statements): report where the recovery most likely happened.
    if (issues.length === before) issues.push(hiddenError(node));
  };
  if (root.hasError) visit(root);
  return issues;
}
