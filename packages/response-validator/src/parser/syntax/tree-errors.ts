// Syntax errors tree-sitter itself reports: ERROR nodes (unparseable spans) and MISSING nodes
// (tokens it had to invent to recover). Only subtrees flagged `hasError` are visited.
import type { Node } from 'web-tree-sitter';
import { rangeOf } from '../ranges.js';
import type { PySyntaxIssue } from '../types.js';

function excerpt(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 40 ? `${oneLine.slice(0, 37)}...` : oneLine;
}

export function issueAt(node: Node, code: string, message: string): PySyntaxIssue {
  const range = rangeOf(node);
  return { code, message, line: range.startLine, column: range.startColumn, ...range };
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
    for (const child of node.children) if (child.hasError) visit(child);
  };
  if (root.hasError) visit(root);
  return issues;
}
