// Assignment, deletion and unpacking targets CPython rejects while tree-sitter accepts them.
import type { SyntaxNode as Node } from '../mirror/syntax-node.js';
import { TIGHTER_THAN_STAR } from '../tree-utils.js';
import { codeChildren, type NodeCheck, type Report } from './check-context.js';

const SEQUENCES = new Set(['tuple', 'list', 'expression_list', 'pattern_list', 'tuple_pattern', 'list_pattern', 'parenthesized_expression']);
const SIMPLE_TARGETS = new Set(['identifier', 'attribute', 'subscript']);

/** CPython's wording for what an expression is, as in "cannot delete function call". */
function describe(node: Node): string {
  switch (node.type) {
    case 'call':
      return 'function call';
    case 'string':
    case 'concatenated_string':
    case 'integer':
    case 'float':
    case 'true':
    case 'false':
    case 'none':
      return 'literal';
    case 'list_splat':
    case 'list_splat_pattern':
      return 'starred';
    case 'lambda':
      return 'lambda';
    case 'conditional_expression':
      return 'conditional expression';
    case 'await':
      return 'await expression';
    case 'named_expression':
      return 'named expression';
    default:
      return node.type.endsWith('comprehension') || node.type === 'generator_expression' ? 'comprehension' : 'expression';
  }
}

function checkDeleteTarget(node: Node, report: Report): void {
  if (SIMPLE_TARGETS.has(node.type)) return;
  if (SEQUENCES.has(node.type)) {
    for (const child of codeChildren(node)) checkDeleteTarget(child, report);
    return;
  }
  report(node, 'invalid-syntax', `cannot delete ${describe(node)}`);
}

function checkAssignTarget(node: Node, report: Report, starredAllowed: boolean): void {
  if (SIMPLE_TARGETS.has(node.type)) return;
  if (SEQUENCES.has(node.type)) {
    const inner = node.type !== 'parenthesized_expression';
    for (const child of codeChildren(node)) checkAssignTarget(child, report, inner);
    return;
  }
  if ((node.type === 'list_splat' || node.type === 'list_splat_pattern') && starredAllowed) {
    const target = codeChildren(node)[0];
    if (target) checkAssignTarget(target, report, false);
    return;
  }
  report(node, 'invalid-syntax', `cannot assign to ${describe(node)}`);
}

const deleteStatement: NodeCheck = (node, report) => {
  for (const target of codeChildren(node)) checkDeleteTarget(target, report);
};

/** `(a)`: tree-sitter calls a parenthesised single target a one-element tuple_pattern. */
function unparenthesized(node: Node): Node {
  let current = node;
  while ((current.type === 'tuple_pattern' || current.type === 'parenthesized_expression') && !current.children.some((c) => c.type === ',')) {
    const inner = codeChildren(current);
    if (inner.length !== 1) break;
    current = inner[0]!;
  }
  return current;
}

const augmentedAssignment: NodeCheck = (node, report) => {
  const written = node.childForFieldName('left');
  const left = written ? unparenthesized(written) : null;
  if (left && !SIMPLE_TARGETS.has(left.type)) {
    const kind = SEQUENCES.has(left.type) ? (left.type.startsWith('list') ? 'list' : 'tuple') : describe(left);
    report(left, 'invalid-syntax', `'${kind}' is an illegal expression for augmented assignment`);
  }
};

const withTarget: NodeCheck = (node, report) => {
  for (const target of codeChildren(node)) checkAssignTarget(target, report, false);
};

/** Operands `*x`/`**x` cannot take outside call arguments (CPython: `'*' bitwise_or`). */
const LOW_PRECEDENCE = new Set(['comparison_operator', 'not_operator', 'boolean_operator', 'lambda', 'conditional_expression']);
/** Where a starred expression may stand (ast.parse level; compile() rejects some of these later). */
const STAR_PARENTS = new Set([
  'tuple', 'list', 'set', 'expression_list', 'argument_list', 'pattern_list', 'tuple_pattern', 'list_pattern',
  'subscript', 'assignment', 'augmented_assignment', 'return_statement', 'yield', 'for_statement', 'expression_statement',
  'interpolation',
]);

/** tree-sitter binds `*` tighter than `+`, `.`, `[]` and calls: in `*a.b + c` the star holds the whole sum. */
function starredHolder(node: Node): Node | null {
  let current = node;
  while (current.parent && TIGHTER_THAN_STAR.has(current.parent.type) && current.parent.firstChild?.equals(current)) current = current.parent;
  return current.parent;
}

const starredExpression: NodeCheck = (node, report) => {
  const operand = codeChildren(node)[0];
  const holder = starredHolder(node);
  // `(**k)`, `[**k]`: tree-sitter reads `**k` as two nested `*` splats.
  if (node.parent?.type !== 'list_splat' && operand?.type === 'list_splat') {
    report(node, 'invalid-syntax', 'cannot use double starred expression here');
  } else if (operand && LOW_PRECEDENCE.has(operand.type) && holder?.type !== 'argument_list') {
    report(node, 'invalid-syntax', 'invalid syntax: parenthesize the expression after *');
  } else if (holder?.type === 'pair' && holder.childForFieldName('key')?.equals(node)) {
    report(node, 'invalid-syntax', 'invalid syntax: a dictionary key cannot be starred');
  } else if (holder && (!STAR_PARENTS.has(holder.type) || (holder.type === 'tuple' && !holder.children.some((c) => c.type === ',')))) {
    report(node, 'invalid-syntax', 'cannot use starred expression here');
  }
};

const doubleStarred: NodeCheck = (node, report) => {
  const operand = codeChildren(node)[0];
  if (operand && LOW_PRECEDENCE.has(operand.type) && node.parent?.type !== 'argument_list') {
    report(node, 'invalid-syntax', 'invalid syntax: parenthesize the expression after **');
  }
};

/** `x as y` belongs to with items, except clauses and case patterns only. */
const AS_PARENTS = new Set(['with_item', 'except_clause', 'except_group_clause', 'case_pattern']);
const asPattern: NodeCheck = (node, report) => {
  const parent = node.parent;
  // `with (a as b, c as d):` — tree-sitter reads the parenthesised items as a tuple or parenthesised expression.
  const grouped = (parent?.type === 'tuple' || parent?.type === 'parenthesized_expression') && parent.parent?.type === 'with_item';
  if (!grouped && !AS_PARENTS.has(parent?.type ?? '')) report(node, 'invalid-syntax', "invalid syntax: 'as' is only allowed in with, except, import and case");
};

/** `await` takes a primary: `await -x` and `await await x` need parentheses. */
const NOT_PRIMARY = new Set([...LOW_PRECEDENCE, 'unary_operator', 'binary_operator', 'await', 'list_splat']);
const awaitOperand: NodeCheck = (node, report) => {
  const operand = codeChildren(node)[0];
  if (operand && NOT_PRIMARY.has(operand.type)) report(operand, 'invalid-syntax', 'invalid syntax: parenthesize the expression after await');
};

/** A yield expression needs parentheses unless it is a whole statement or right-hand side. */
const YIELD_PARENTS = new Set(['expression_statement', 'assignment', 'augmented_assignment', 'parenthesized_expression', 'interpolation']);
const yieldPlacement: NodeCheck = (node, report) => {
  if (!YIELD_PARENTS.has(node.parent?.type ?? '')) report(node, 'invalid-syntax', 'invalid syntax: parenthesize the yield expression');
};

export const TARGET_CHECKS: Record<string, NodeCheck> = {
  delete_statement: deleteStatement,
  augmented_assignment: augmentedAssignment,
  as_pattern_target: withTarget,
  list_splat: starredExpression,
  dictionary_splat: doubleStarred,
  as_pattern: asPattern,
  await: awaitOperand,
  yield: yieldPlacement,
};
