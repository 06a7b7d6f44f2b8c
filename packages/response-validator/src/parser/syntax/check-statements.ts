// Statement-level rules CPython enforces and tree-sitter's grammar lets through.
import type { SyntaxNode as Node } from '../mirror/syntax-node.js';
import { isExtra } from '../tree-utils.js';
import { codeChildren, type NodeCheck } from './check-context.js';

/** Two statements on one line need a `;` between them (`f(x) return y` is one line, two statements). */
const separated: NodeCheck = (node, report) => {
  let previous: Node | undefined;
  let semicolon = false;
  for (const child of node.children) {
    if (child.type === ';') {
      semicolon = true;
      continue;
    }
    if (!child.isNamed || isExtra(child)) continue;
    if (previous && !semicolon && child.startPosition.row === previous.endPosition.row) {
      report(child, 'invalid-syntax', 'invalid syntax: two statements on one line need a newline or ";" between them');
    }
    previous = child;
    semicolon = false;
  }
};

const py2Statement: NodeCheck = (node, report) => {
  // `print >> f, x` is also a valid Python 3 expression (a shift inside a tuple).
  if (node.namedChildren.some((c) => c.type === 'chevron')) return;
  const word = node.type === 'print_statement' ? 'print' : 'exec';
  report(node, 'invalid-syntax', `Missing parentheses in call to '${word}'. Did you mean ${word}(...)?`);
};

const tryStatement: NodeCheck = (node, report) => {
  const handlers = node.namedChildren.filter((c) => c.type === 'except_clause' || c.type === 'except_group_clause');
  const hasFinally = node.namedChildren.some((c) => c.type === 'finally_clause');
  if (handlers.length === 0 && !hasFinally) report(node, 'invalid-syntax', "expected 'except' or 'finally' block");
  const isGroup = (c: Node): boolean => c.type === 'except_group_clause' || c.children.some((t) => t.type === '*');
  const groups = handlers.filter(isGroup).length;
  if (groups > 0 && groups < handlers.length) report(node, 'invalid-syntax', "cannot have both 'except' and 'except*' on the same 'try'");
};

const importTrailingComma: NodeCheck = (node, report) => {
  const last = node.lastChild;
  if (last?.type === ',') report(last, 'invalid-syntax', 'trailing comma not allowed without surrounding parentheses');
};

const assertStatement: NodeCheck = (node, report) => {
  if (codeChildren(node).length > 2) report(node, 'invalid-syntax', 'invalid syntax: assert takes a test and at most one message');
};

const raiseStatement: NodeCheck = (node, report) => {
  if (node.child(1)?.type === 'from') report(node, 'invalid-syntax', "invalid syntax: 'raise from' needs an exception before 'from'");
};

/** `x: int = 1` may annotate one target only (a name, attribute or subscript). */
const annotatedAssignment: NodeCheck = (node, report) => {
  const annotation = node.childForFieldName('type');
  if (!annotation) return;
  // `x: a: b` — tree-sitter reads `a: b` as a type-parameter bound, which only PEP 695 lists allow.
  if (annotation.namedChildren[0]?.type === 'constrained_type') {
    report(annotation, 'invalid-syntax', 'invalid syntax: an annotation cannot contain a second ":"');
    return;
  }
  if (node.parent?.type === 'assignment') {
    report(node, 'invalid-syntax', 'invalid syntax: an annotated assignment cannot be chained');
    return;
  }
  const left = node.childForFieldName('left');
  // `(x): int` is a parenthesised single target, which tree-sitter calls a one-element tuple_pattern.
  if (left?.type === 'tuple_pattern' && !left.children.some((c) => c.type === ',')) return;
  if (left && ['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'expression_list'].includes(left.type)) {
    report(left, 'invalid-syntax', `only single target (not ${left.type.startsWith('list') ? 'list' : 'tuple'}) can be annotated`);
  }
};

export const STATEMENT_CHECKS: Record<string, NodeCheck> = {
  module: separated,
  block: separated,
  print_statement: py2Statement,
  exec_statement: py2Statement,
  try_statement: tryStatement,
  import_statement: importTrailingComma,
  import_from_statement: importTrailingComma,
  assert_statement: assertStatement,
  raise_statement: raiseStatement,
  assignment: annotatedAssignment,
};
