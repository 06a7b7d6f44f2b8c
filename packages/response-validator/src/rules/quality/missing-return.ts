// A function annotated to return a value whose last statement can fall through (returns None).
// For a fragment, the stub's annotation comes from context.returnAnnotation.
import type { SyntaxNode as Node } from '../../parser/mirror/syntax-node.js';
import type { Rule } from '../rule.js';
import { calleeText, enclosingFunction, functionName } from '../tree/nodes.js';

const RETURNS_NOTHING = /^(None|NoReturn|Never|typing\.NoReturn|typing\.Never)$/;
const GENERATOR = /^(typing\.|collections\.abc\.)?(Async)?(Generator|Iterator|Iterable)\b/;

export const missingReturn: Rule = {
  id: 'quality/missing-return',
  category: 'quality',
  severity: 'error',
  summary: 'annotated to return a value but can reach the end without return',
  check(ctx) {
    for (const fn of ctx.nodes('function_definition')) {
      const annotation = ctx.isWrapper(fn) ? ctx.context.returnAnnotation : fn.childForFieldName('return_type')?.text;
      if (!annotation || RETURNS_NOTHING.test(annotation.trim()) || GENERATOR.test(annotation.trim())) continue;
      const body = fn.childForFieldName('body');
      if (!body || (ctx.module.source.includes('yield') && isGenerator(fn, body)) || isStubOnly(body)) continue;
      if (terminates(body)) continue;
      const what = ctx.isWrapper(fn) ? 'the method body' : functionName(fn);
      const last = statements(body).at(-1) ?? body;
      ctx.report(last, `${what} is annotated -> ${annotation} but can end without a return: return a value on every path`);
    }
  },
};

function statements(block: Node): Node[] {
  return block.namedChildren.filter((s): s is Node => !!s && s.type !== 'comment');
}

function isGenerator(fn: Node, body: Node): boolean {
  return body.descendantsOfType(['yield']).some((y) => !!y && enclosingFunction(y)?.equals(fn));
}

function isStubOnly(body: Node): boolean {
  // stubs are quality/stub-left's business
  return statements(body).every((s) => s.type === 'pass_statement' || (s.type === 'expression_statement' && ['string', 'ellipsis'].includes(s.namedChildren[0]?.type ?? '')));
}

const EXITS = new Set(['sys.exit', 'os._exit', 'exit', 'quit']);

/** Does every path through the block end in return/raise (or an equivalent)? */
export function terminates(block: Node | null | undefined): boolean {
  if (!block) return false;
  const last = statements(block).at(-1);
  if (!last) return false;
  switch (last.type) {
    case 'return_statement':
    case 'raise_statement':
      return true;
    case 'expression_statement': {
      const call = last.namedChildren[0];
      return call?.type === 'call' && EXITS.has(calleeText(call));
    }
    case 'if_statement': {
      const alternatives = last.childrenForFieldName('alternative').filter((a): a is Node => !!a);
      const hasElse = alternatives.some((a) => a.type === 'else_clause');
      return hasElse && terminates(last.childForFieldName('consequence')) && alternatives.every((a) => terminates(a.childForFieldName(a.type === 'else_clause' ? 'body' : 'consequence')));
    }
    case 'try_statement': {
      const clauses = last.namedChildren.filter((c): c is Node => !!c);
      const fin = clauses.find((c) => c.type === 'finally_clause');
      if (fin && terminates(fin.namedChildren.find((c) => c?.type === 'block'))) return true;
      const elseClause = clauses.find((c) => c.type === 'else_clause');
      const bodyEnds = terminates(last.childForFieldName('body')) || terminates(elseClause?.childForFieldName('body'));
      const handlers = clauses.filter((c) => c.type === 'except_clause' || c.type === 'except_group_clause');
      return bodyEnds && handlers.every((h) => terminates(h.namedChildren.find((c) => c?.type === 'block')));
    }
    case 'with_statement':
      return terminates(last.childForFieldName('body'));
    case 'while_statement': {
      const condition = last.childForFieldName('condition');
      return condition?.type === 'true' && !last.descendantsOfType('break_statement').some((b) => !!b);
    }
    case 'match_statement': {
      const cases = last.childForFieldName('body')?.namedChildren.filter((c): c is Node => c?.type === 'case_clause') ?? [];
      const wildcard = cases.some((c) => c.namedChildren[0]?.text === '_');
      return wildcard && cases.every((c) => terminates(c.childForFieldName('consequence')));
    }
    default:
      return false;
  }
}
