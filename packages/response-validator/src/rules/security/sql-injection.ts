// SQL built from strings (f-string, %, .format, +) and passed to a query call: asyncpg
// fetch/fetchrow/fetchval/execute, DB-API execute, SQLAlchemy text(), pandas read_sql.
// A query variable counts when the same function built it that way before the call.
import type { SyntaxNode as Node } from '../../parser/mirror/syntax-node.js';
import type { Rule, RuleContext } from '../rule.js';
import { boundName, callArguments, calleeText, enclosingFunction, isInterpolatedFString, isPlainString, lastSegment, stringContent, unwrap } from '../tree/nodes.js';

export const sqlInjection: Rule = {
  id: 'security/sql-injection',
  category: 'security',
  severity: 'error',
  summary: 'SQL built with f-strings, %, .format or + and passed to a query call',
  bandit: 'B608',
  cwe: 'CWE-89',
  check(ctx) {
    const sinks = new Set(ctx.profile.security.sqlSinks ?? []);
    const keywords = new RegExp(`\\b(${(ctx.profile.security.sqlKeywords ?? ['select']).join('|')})\\b`, 'i');
    for (const call of ctx.nodes('call')) {
      const callee = calleeText(call);
      if (!sinks.has(lastSegment(callee)) && !sinks.has(callee)) continue;
      if (lastSegment(callee) === 'text' && isArgumentOfSink(call, sinks)) continue; // execute(text(...)) is reported once, at execute
      const args = callArguments(call);
      const query = args.positional[0] ?? args.keywords.get('query') ?? args.keywords.get('sql') ?? args.keywords.get('statement');
      if (!query) continue;
      const how = builtSql(query, keywords) ?? builtVariable(ctx, query, call, keywords);
      if (how) {
        ctx.report(query, `SQL passed to ${callee}() is built with ${how}: use placeholders ($1 for asyncpg, %s or :name for DB-API/SQLAlchemy) and pass values as arguments`);
      }
    }
  },
};

/** How the expression builds SQL text from non-literal parts, if it does. */
function builtSql(expr: Node, keywords: RegExp): string | undefined {
  const n = unwrap(expr);
  if (n.type === 'call' && lastSegment(calleeText(n)) === 'text') {
    const inner = callArguments(n).positional[0];
    return inner ? builtSql(inner, keywords) : undefined;
  }
  if (isInterpolatedFString(n)) return keywords.test(stringContent(n)) ? 'an f-string' : undefined;
  if (n.type === 'binary_operator') {
    const op = n.childForFieldName('operator')?.type;
    const left = n.childForFieldName('left');
    const right = n.childForFieldName('right');
    if (!left || !right) return undefined;
    const text = literalText(n);
    if (!keywords.test(text)) return undefined;
    if (op === '%' && isPlainString(left)) return '% formatting';
    if (op === '+' && !(isStringy(left) && isStringy(right))) return 'string concatenation';
    if (op === '+' && (builtSql(left, keywords) || builtSql(right, keywords))) return 'string concatenation';
    return undefined;
  }
  if (n.type === 'call') {
    const fn = n.childForFieldName('function');
    if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'format') {
      const target = fn.childForFieldName('object');
      if (target && isPlainString(target) && keywords.test(stringContent(target))) return '.format()';
    }
    if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'join') {
      const items = callArguments(n).positional[0];
      if (items && keywords.test(literalText(items)) && containsBuilt(items, keywords)) return 'str.join() of built parts';
    }
  }
  return undefined;
}

/** A literal string, or literals joined with + (no value from outside). */
function isStringy(node: Node): boolean {
  const n = unwrap(node);
  if (n.type === 'binary_operator' && n.childForFieldName('operator')?.type === '+') {
    const left = n.childForFieldName('left');
    const right = n.childForFieldName('right');
    return !!left && !!right && isStringy(left) && isStringy(right);
  }
  return isPlainString(n);
}

function containsBuilt(n: Node, keywords: RegExp): boolean {
  return n.descendantsOfType(['string', 'binary_operator']).some((d) => !!d && (isInterpolatedFString(d) || (d.type === 'binary_operator' && !!builtSql(d, keywords))));
}

/** The literal SQL text inside an expression (all string pieces), to check for SQL keywords. */
function literalText(n: Node): string {
  if (n.type === 'string' || n.type === 'concatenated_string') return stringContent(n);
  return n
    .descendantsOfType('string')
    .map((s) => (s ? stringContent(s) : ''))
    .join(' ');
}

/** `query = f"…"` (or +=, %, .format) earlier in the same function, then `conn.fetch(query)`. */
function builtVariable(ctx: RuleContext, query: Node, call: Node, keywords: RegExp): string | undefined {
  const name = unwrap(query);
  if (name.type !== 'identifier') return undefined;
  const scope = enclosingFunction(call);
  for (const a of [...ctx.nodes('assignment'), ...ctx.nodes('augmented_assignment')]) {
    if (a.startIndex >= call.startIndex || enclosingFunction(a)?.startIndex !== scope?.startIndex) continue;
    if (boundName(a.childForFieldName('left')) !== name.text || a.childForFieldName('left')?.type !== 'identifier') continue;
    const right = a.childForFieldName('right');
    if (!right) continue;
    if (a.type === 'augmented_assignment') {
      if (!isPlainString(right) && (isInterpolatedFString(right) || right.type !== 'string')) {
        const how = builtSql(right, /./) ?? (isInterpolatedFString(right) ? 'an f-string' : undefined);
        if (how && sqlVariableHasKeywords(ctx, name.text, scope, keywords)) return `${how} (appended to ${name.text})`;
      }
      continue;
    }
    const how = builtSql(right, keywords);
    if (how) return `${how} (in ${name.text})`;
  }
  return undefined;
}

function sqlVariableHasKeywords(ctx: RuleContext, variable: string, scope: Node | undefined, keywords: RegExp): boolean {
  return ctx.nodes('assignment').some(
    (a) => enclosingFunction(a)?.startIndex === scope?.startIndex && boundName(a.childForFieldName('left')) === variable && keywords.test(literalText(a.childForFieldName('right') ?? a)),
  );
}

function isArgumentOfSink(call: Node, sinks: Set<string>): boolean {
  const outer = call.parent?.type === 'argument_list' ? call.parent.parent : undefined;
  return !!outer && outer.type === 'call' && sinks.has(lastSegment(calleeText(outer)));
}
