// Shared shape of the tree checks that close tree-sitter's gaps with CPython's grammar.
import type { SyntaxNode as Node } from '../mirror/syntax-node.js';
import type { PySyntaxIssue } from '../types.js';
import type { ScopeIndex } from './scope-index.js';
import { issueAt } from './tree-errors.js';

export type Report = (node: Node, code: string, message: string) => void;
export interface CheckContext {
  scopes: ScopeIndex;
}
export type NodeCheck = (node: Node, report: Report, context: CheckContext) => void;

export { codeChildren } from '../tree-utils.js';

export function runChecks(checks: ReadonlyMap<string, NodeCheck[]>, nodes: Map<string, Node[]>, context: CheckContext): PySyntaxIssue[] {
  const issues: PySyntaxIssue[] = [];
  const report: Report = (node, code, message) => issues.push(issueAt(node, code, message));
  for (const [type, list] of nodes) {
    const forType = checks.get(type);
    if (!forType) continue;
    for (const node of list) for (const check of forType) check(node, report, context);
  }
  return issues;
}

export function registry(...groups: Record<string, NodeCheck>[]): Map<string, NodeCheck[]> {
  const map = new Map<string, NodeCheck[]>();
  for (const group of groups) {
    for (const [type, check] of Object.entries(group)) map.set(type, [...(map.get(type) ?? []), check]);
  }
  return map;
}
