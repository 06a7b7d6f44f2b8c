// compile()-level rules that depend on where a statement stands (ast.parse accepts all of these):
// return/yield outside a function, await and async constructs outside an async function (with
// the 3.12 rules for comprehensions, generator expressions and lambdas), break/continue outside a
// loop, nonlocal at module level, a parameter declared global/nonlocal.
import type { SyntaxNode as Node } from '../mirror/syntax-node.js';
import { extractParams } from '../extract/params.js';
import { codeChildren, type NodeCheck, type Report } from './check-context.js';
import type { Container, ScopeIndex } from './scope-index.js';

const COMPREHENSIONS: Record<string, string> = {
  list_comprehension: 'list comprehension',
  set_comprehension: 'set comprehension',
  dictionary_comprehension: 'dict comprehension',
  generator_expression: 'generator expression',
};

/** Enclosing containers, skipping comprehensions whose first iterable holds the node (it runs outside them). */
function scopesOf(scopes: ScopeIndex, node: Node): Container[] {
  return scopes.enclosing(node).filter((c) => !(c.type in COMPREHENSIONS) || !scopes.inFirstIterable(c, node));
}

function nearestDefinition(chain: Container[]): Container | undefined {
  return chain.find((c) => c.type === 'function_definition' || c.type === 'class_definition');
}

const returnOutside: NodeCheck = (node, report, { scopes }) => {
  if (nearestDefinition(scopesOf(scopes, node))?.type !== 'function_definition') {
    report(node, 'return-outside-function', "'return' outside function");
  }
};

const yieldOutside: NodeCheck = (node, report, { scopes }) => {
  for (const c of scopesOf(scopes, node)) {
    if (c.type === 'lambda') return;
    if (c.type === 'function_definition') {
      if (c.isAsync && node.children.some((t) => t.type === 'from')) report(node, 'yield-from-in-async', "'yield from' inside async function");
      return;
    }
    const comprehension = COMPREHENSIONS[c.type];
    if (comprehension) {
      report(node, 'yield-in-comprehension', `'yield' inside ${comprehension}`);
      return;
    }
    if (c.type === 'class_definition') break;
  }
  report(node, 'yield-outside-function', "'yield' outside function");
};

/** Shared by `await` and `async for` clauses: which function must be async, and what to say if not. */
function checkAsyncContext(node: Node, chain: Container[], inComprehension: boolean, report: Report): void {
  let comprehension = inComprehension;
  for (const c of chain) {
    if (c.type === 'generator_expression') return; // becomes an asynchronous generator expression
    if (c.type in COMPREHENSIONS) comprehension = true;
    if (c.type === 'lambda' || c.type === 'function_definition') {
      if (c.isAsync) return;
      if (comprehension) report(node, 'async-comprehension-outside-async', 'asynchronous comprehension outside of an asynchronous function');
      else report(node, 'await-outside-async', "'await' outside async function");
      return;
    }
    if (c.type === 'class_definition') break;
  }
  if (comprehension) report(node, 'async-comprehension-outside-async', 'asynchronous comprehension outside of an asynchronous function');
  else report(node, 'await-outside-function', "'await' outside function");
}

const awaitOutside: NodeCheck = (node, report, { scopes }) => checkAsyncContext(node, scopesOf(scopes, node), false, report);

const asyncClause: NodeCheck = (node, report, { scopes }) => {
  const owner = node.parent;
  if (node.firstChild?.type !== 'async' || !owner || owner.type === 'generator_expression') return;
  checkAsyncContext(owner, scopesOf(scopes, owner), true, report);
};

const asyncStatement: NodeCheck = (node, report, { scopes }) => {
  if (node.firstChild?.type !== 'async') return;
  const word = node.type === 'with_statement' ? 'with' : 'for';
  const definition = nearestDefinition(scopesOf(scopes, node));
  if (definition?.type !== 'function_definition' || !definition.isAsync) {
    report(node, `async-${word}-outside-async`, `'async ${word}' outside async function`);
  }
};

const loopControl: NodeCheck = (node, report, { scopes }) => {
  for (const c of scopes.enclosing(node)) {
    if ((c.type === 'for_statement' || c.type === 'while_statement') && !scopes.inLoopElse(c, node)) return;
    if (c.type === 'function_definition' || c.type === 'class_definition' || c.type === 'lambda') break;
  }
  if (node.type === 'break_statement') report(node, 'break-outside-loop', "'break' outside loop");
  else report(node, 'continue-outside-loop', "'continue' not properly in loop");
};

const nonlocalStatement: NodeCheck = (node, report, { scopes }) => {
  const chain = scopes.enclosing(node);
  if (chain.some((c) => c.type === 'function_definition')) return;
  if (!nearestDefinition(chain)) report(node, 'nonlocal-at-module-level', 'nonlocal declaration not allowed at module level');
  else report(node, 'nonlocal-without-binding', `no binding for nonlocal '${codeChildren(node)[0]?.text ?? ''}' found`);
};

/** `global x` / `nonlocal x` naming one of the function's own parameters. */
const parameterDeclared: NodeCheck = (node, report, { scopes }) => {
  const fn = nearestDefinition(scopes.enclosing(node));
  if (fn?.type !== 'function_definition') return;
  const params = new Set(extractParams(fn.node.childForFieldName('parameters')).map((p) => p.name));
  const word = node.type === 'global_statement' ? 'global' : 'nonlocal';
  for (const name of codeChildren(node)) {
    if (params.has(name.text)) report(name, `parameter-declared-${word}`, `name '${name.text}' is parameter and ${word}`);
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
