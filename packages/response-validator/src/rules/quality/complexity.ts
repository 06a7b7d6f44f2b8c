// Cyclomatic complexity (McCabe, counted like radon: 1 + each branch point) and function length.
import { memoKey, type SyntaxNode as Node } from '../../parser/mirror/syntax-node.js';
import { numberOption, type Rule } from '../rule.js';
import { enclosingFunction, functionName } from '../tree/nodes.js';

const BRANCHES = [
  'if_statement', 'elif_clause', 'for_statement', 'while_statement', 'except_clause', 'conditional_expression',
  'boolean_operator', 'for_in_clause', 'if_clause', 'case_clause',
];

const complexities = memoKey<Map<number, number>>('complexities');

/** 1 + decision points inside the function, nested functions excluded (they are counted on their own). */
export function complexityOf(fn: Node): number {
  // one traversal for the whole tree; each branch point is charged to its innermost function
  const byFunction = fn.tree.memo(complexities, () => {
    const counts = new Map<number, number>();
    for (const d of fn.tree.rootNode.descendantsOfType(BRANCHES)) {
      const owner = d && enclosingFunction(d);
      if (owner) counts.set(owner.id, (counts.get(owner.id) ?? 1) + 1);
    }
    return counts;
  });
  return byFunction.get(fn.id) ?? 1;
}

export const complexity: Rule = {
  id: 'quality/complexity',
  category: 'quality',
  severity: 'warning',
  summary: 'cyclomatic complexity above the limit',
  check(ctx) {
    const max = numberOption(ctx, 'max', 10);
    for (const fn of ctx.nodes('function_definition')) {
      const c = complexityOf(fn);
      if (c <= max) continue;
      const what = ctx.isWrapper(fn) ? 'this method body' : functionName(fn);
      ctx.report(ctx.isWrapper(fn) ? (fn.childForFieldName('body') ?? fn) : (fn.childForFieldName('name') ?? fn), `${what} has cyclomatic complexity ${c} (limit ${max}): move branches into helper methods or a lookup table`);
    }
  },
};

export const functionLength: Rule = {
  id: 'quality/function-length',
  category: 'quality',
  severity: 'warning',
  summary: 'function longer than the limit',
  check(ctx) {
    const max = numberOption(ctx, 'maxLines', 80);
    for (const fn of ctx.nodes('function_definition')) {
      const body = fn.childForFieldName('body');
      if (!body) continue;
      const lines = body.endPosition.row - body.startPosition.row + 1;
      if (lines <= max) continue;
      const what = ctx.isWrapper(fn) ? 'this method body' : functionName(fn);
      ctx.report(ctx.isWrapper(fn) ? body : (fn.childForFieldName('name') ?? fn), `${what} is ${lines} lines long (limit ${max}): split it into helper methods`);
    }
  },
};
