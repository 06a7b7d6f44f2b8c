// Argument and parameter order rules of CPython's grammar (tree-sitter accepts any order).
import type { SyntaxNode as Node } from '../mirror/syntax-node.js';
import { codeChildren, type NodeCheck, type Report } from './check-context.js';

const callArguments: NodeCheck = (node, report) => {
  reportLeadingComma(node, report);
  let keyword = false;
  let dictSplat = false;
  for (const arg of codeChildren(node)) {
    if (arg.type === 'keyword_argument') keyword = true;
    else if (arg.type === 'dictionary_splat') dictSplat = true;
    else if (arg.type === 'list_splat') {
      if (dictSplat) report(arg, 'invalid-syntax', 'iterable argument unpacking follows keyword argument unpacking');
    } else if (dictSplat) report(arg, 'invalid-syntax', 'positional argument follows keyword argument unpacking');
    else if (keyword) report(arg, 'invalid-syntax', 'positional argument follows keyword argument');
  }
};

function splatKind(param: Node): 'list' | 'dict' | undefined {
  const target = param.type === 'typed_parameter' ? param.namedChildren[0] : param;
  if (target?.type === 'list_splat_pattern') return 'list';
  if (target?.type === 'dictionary_splat_pattern') return 'dict';
  return undefined;
}

/** def/lambda parameters: `/` and `*` placement, defaults order, `**kwargs` last. */
const parameters: NodeCheck = (node, report) => {
  if (node.type === 'parameters') reportLeadingComma(node, report);
  let slash = false;
  let star = false;
  let bareStarOpen = false;
  let doubleStar = false;
  let defaulted = false;
  codeChildren(node).forEach((param, index) => {
    if (doubleStar) {
      report(param, 'invalid-syntax', 'arguments cannot follow var-keyword argument');
      return;
    }
    const splat = splatKind(param);
    if (splat) {
      const target = param.type === 'typed_parameter' ? codeChildren(param)[0] : param;
      const name = target ? codeChildren(target)[0] : undefined;
      if (name && name.type !== 'identifier') report(name, 'invalid-syntax', 'invalid syntax: a * or ** parameter must be a plain name');
    }
    if (param.type === 'positional_separator') {
      if (index === 0) report(param, 'invalid-syntax', 'at least one argument must precede /');
      else if (slash) report(param, 'invalid-syntax', '/ may appear only once');
      else if (star) report(param, 'invalid-syntax', '/ must be ahead of *');
      slash = true;
      return;
    }
    if (param.type === 'keyword_separator' || splat === 'list') {
      if (star) report(param, 'invalid-syntax', '* argument may appear only once');
      star = true;
      bareStarOpen = param.type === 'keyword_separator';
      return;
    }
    if (splat === 'dict') {
      if (bareStarOpen) report(param, 'invalid-syntax', 'named arguments must follow bare *');
      doubleStar = true;
      return;
    }
    bareStarOpen = false;
    const hasDefault = param.type === 'default_parameter' || param.type === 'typed_default_parameter';
    if (!star && !hasDefault && defaulted) report(param, 'invalid-syntax', 'parameter without a default follows parameter with a default');
    if (!star && hasDefault) defaulted = true;
  });
  if (bareStarOpen) report(node, 'invalid-syntax', 'named arguments must follow bare *');
};

/** `(x for x in a, b)`: the iterable of a comprehension clause cannot be a bare tuple. */
const forInClause: NodeCheck = (node, report) => {
  let afterIn = false;
  for (const child of node.children) {
    if (child.type === 'in') afterIn = true;
    else if (afterIn && child.type === ',') {
      report(child, 'invalid-syntax', 'invalid syntax: parenthesize a tuple used as the iterable of a comprehension');
      return;
    }
  }
};

const comprehension: NodeCheck = (node, report) => {
  const body = codeChildren(node)[0];
  if (body?.type === 'list_splat' || body?.type === 'dictionary_splat') {
    report(body, 'invalid-syntax', 'iterable unpacking cannot be used in comprehension');
  }
};

/** `f(,)`, `{,}`, `def f(,)`: a comma needs an element before it. */
function reportLeadingComma(node: Node, report: Report): void {
  const second = node.child(1);
  if (second?.type === ',') report(second, 'invalid-syntax', 'invalid syntax: a comma before the first element');
}
const leadingComma: NodeCheck = (node, report) => reportLeadingComma(node, report);

export const ARGUMENT_CHECKS: Record<string, NodeCheck> = {
  argument_list: callArguments,
  dictionary: leadingComma,
  set: leadingComma,
  parameters,
  lambda_parameters: parameters,
  for_in_clause: forInClause,
  list_comprehension: comprehension,
  set_comprehension: comprehension,
  generator_expression: comprehension,
};
