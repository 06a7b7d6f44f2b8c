// compile()-level rules that depend on where a statement stands (ast.parse accepts all of these):
// return/yield outside a function, await and async constructs outside an async function (with
// the 3.12 rules for comprehensions, generator expressions and lambdas), break/continue outside a
// loop, nonlocal at module level. Each check climbs the node's ancestors; no second tree walk.
import type { Node } from 'web-tree-sitter';
import { extractParams } from '../extract/params.js';
import { codeChildren, type NodeCheck } from './check-context.js';

const COMPREHENSIONS: Record<string, string> = {
  list_comprehension: 'list comprehension',
  set_comprehension: 'set comprehension',
  dictionary_comprehension: 'dict comprehension',
  generator_expression: 'generator expression',
};

function isAsyncDef(node: Node): boolean {
  return node.type === 'function_definition' && node.firstChild?.type === 'async';
}

/** Walks up from `node`, telling for each ancestor whether the path came through the comprehension's first iterable. */
function* ancestors(node: Node): Generator<{ scope: Node; viaFirstIterable: boolean }> {
  let child = node;
  let parent = node.parent;
  let firstIterable = false;
  while (parent) {
    if (parent.type === 'for_in_clause') {
      const right = parent.childForFieldName('right');
      const owner = parent.parent;
      const firstClause = owner?.namedChildren.find((c) => c.type === 'for_in_clause');
      firstIterable = right !== null && right.startIndex <= child.startIndex && child.endIndex <= right.endIndex && firstClause?.equals(parent) === true;
    } else if (!(parent.type in COMPREHENSIONS)) {
      firstIterable = false;
    }
    yield { scope: parent, viaFirstIterable: parent.type in COMPREHENSIONS && firstIterable };
    child = parent;
    parent = parent.parent;
  }
}

const returnOutside: NodeCheck = (node, report) => {
  for (const { scope } of ancestors(node)) {
    if (scope.type === 'function_definition') return;
    if (scope.type === 'class_definition' || scope.type === 'module') break;
  }
  report(node, 'return-outside-function', "'return' outside function");
};

const yieldOutside: NodeCheck = (node, report) => {
  const isFrom = node.children.some((c) => c.type === 'from');
  for (const { scope, viaFirstIterable } of ancestors(node)) {
    if (scope.type === 'lambda') return;
    if (scope.type === 'function_definition') {
      if (isFrom && isAsyncDef(scope)) report(node, 'yield-from-in-async', "'yield from' inside async function");
      return;
    }
    const comprehension = COMPREHENSIONS[scope.type];
    if (comprehension && !viaFirstIterable) {
      report(node, 'yield-in-comprehension', `'yield' inside ${comprehension}`);
      return;
    }
    if (scope.type === 'class_definition' || scope.type === 'module') break;
  }
  report(node, 'yield-outside-function', "'yield' outside function");
};

/** Shared by `await` and `async for` clauses: which function must be async, and what to say if not. */
function checkAsyncContext(node: Node, inComprehension: boolean, report: Parameters<NodeCheck>[1]): void {
  let comprehension = inComprehension;
  for (const { scope, viaFirstIterable } of ancestors(node)) {
    if (scope.type === 'generator_expression' && !viaFirstIterable) return; // becomes an async generator expression
    if (scope.type in COMPREHENSIONS && !viaFirstIterable) comprehension = true;
    if (scope.type === 'lambda' || scope.type === 'function_definition') {
      if (isAsyncDef(scope)) return;
      if (comprehension) report(node, 'async-comprehension-outside-async', 'asynchronous comprehension outside of an asynchronous function');
      else report(node, 'await-outside-async', "'await' outside async function");
      return;
    }
    if (scope.type === 'class_definition' || scope.type === 'module') break;
  }
  if (comprehension) report(node, 'async-comprehension-outside-async', 'asynchronous comprehension outside of an asynchronous function');
  else report(node, 'await-outside-function', "'await' outside function");
}

const awaitOutside: NodeCheck = (node, report) => checkAsyncContext(node, false, report);

const asyncClause: NodeCheck = (node, report) => {
  if (node.firstChild?.type !== 'async' || !node.parent) return;
  if (node.parent.type === 'generator_expression') return;
  checkAsyncContext(node.parent, true, report);
};

const asyncStatement: NodeCheck = (node, report) => {
  if (node.firstChild?.type !== 'async') return;
  const word = node.type === 'with_statement' ? 'with' : 'for';
  for (const { scope } of ancestors(node)) {
    if (scope.type === 'function_definition') {
      if (!isAsyncDef(scope)) break;
      return;
    }
    if (scope.type === 'class_definition' || scope.type === 'module') break;
  }
  report(node, `async-${word}-outside-async`, `'async ${word}' outside async function`);
};

const loopControl: NodeCheck = (node, report) => {
  let child = node;
  for (const { scope } of ancestors(node)) {
    if ((scope.type === 'for_statement' || scope.type === 'while_statement') && child.type !== 'else_clause') return;
    if (['function_definition', 'class_definition', 'lambda', 'module'].includes(scope.type)) break;
    child = scope;
  }
  if (node.type === 'break_statement') report(node, 'break-outside-loop', "'break' outside loop");
  else report(node, 'continue-outside-loop', "'continue' not properly in loop");
};

const nonlocalStatement: NodeCheck = (node, report) => {
  let nearest: Node | undefined;
  for (const { scope } of ancestors(node)) {
    if (scope.type === 'function_definition' || scope.type === 'class_definition') nearest ??= scope;
    if (scope.type === 'function_definition') return;
  }
  if (!nearest) report(node, 'nonlocal-at-module-level', 'nonlocal declaration not allowed at module level');
  else {
    const name = codeChildren(node)[0]?.text ?? '';
    report(node, 'nonlocal-without-binding', `no binding for nonlocal '${name}' found`);
  }
};

/** `global x` / `nonlocal x` naming one of the function's own parameters. */
const parameterDeclared: NodeCheck = (node, report) => {
  const fn = [...ancestors(node)].find(({ scope }) => ['function_definition', 'class_definition', 'module'].includes(scope.type))?.scope;
  if (fn?.type !== 'function_definition') return;
  const params = new Set(extractParams(fn.childForFieldName('parameters')).map((p) => p.name));
  const word = node.type === 'global_statement' ? 'global' : 'nonlocal';
  for (const name of codeChildren(node)) {
    if (params.has(name.text)) report(name, 'parameter-declared-' + word, `name '${name.text}' is parameter and ${word}`);
  }
};

export const COMPILE_SCOPE_CHECKS: Record<string, NodeCheck> = {
  return_statement: returnOutside,
  yield: yieldOutside,
  await: awaitOutside,
  for_in_clause: asyncClause,
  with_statement: asyncStatement,
  for_statement: asyncStatement,
  break_statement: loopControl,
  continue_statement: loopControl,
  nonlocal_statement: nonlocalStatement,
};

export const DECLARATION_CHECKS: Record<string, NodeCheck> = {
  global_statement: parameterDeclared,
  nonlocal_statement: parameterDeclared,
};
