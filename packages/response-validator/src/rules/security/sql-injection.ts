// SQL built from strings (f-string, %, .format, +) and passed to a query call: asyncpg
// fetch/fetchrow/fetchval/execute, DB-API execute, SQLAlchemy text(), pandas read_sql.
// A query variable counts when the same function built it that way before the call. Values that
// cannot carry input stay clean: literals, int()/len() results, CONSTANTS, names checked against
// an allow-list (`if col not in ALLOWED: raise`), looked up in one (`ALLOWED[col]`, `{...}.get(col)`),
// chosen between literals (`"DESC" if desc else "ASC"`) and generated placeholder lists
// (`", ".join(f"${i}" for i in ...)`).
import type { SyntaxNode as Node } from '../../parser/mirror/syntax-node.js';
import type { Rule, RuleContext } from '../rule.js';
import { boundName, callArguments, calleeText, enclosingFunction, isInterpolatedFString, isPlainString, lastSegment, stringContent, unwrap } from '../tree/nodes.js';
import { safeSqlValue } from './sql-safe-values.js';

type Safe = (expr: Node) => boolean;

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
      const safe: Safe = (e) => safeSqlValue(ctx, e, e);
      const how = builtSql(query, keywords, safe) ?? builtVariable(ctx, query, call, keywords, safe);
      if (how) {
        ctx.report(query, `SQL passed to ${callee}() is built with ${how}: use placeholders ($1 for asyncpg, %s or :name for DB-API/SQLAlchemy) and pass values as arguments`);
      }
    }
  },
};

/** How the expression builds SQL text from non-literal parts, if it does. */
function builtSql(expr: Node, keywords: RegExp, safe: Safe): string | undefined {
  const n = unwrap(expr);
  if (n.type === 'call' && lastSegment(calleeText(n)) === 'text') {
    const inner = callArguments(n).positional[0];
    return inner ? builtSql(inner, keywords, safe) : undefined;
  }
  if (isInterpolatedFString(n)) {
    const values = n.descendantsOfType('interpolation').map((i) => i.namedChildren[0]).filter((e): e is Node => !!e);
    return keywords.test(stringContent(n)) && !values.every(safe) ? 'an f-string' : undefined;
  }
  if (n.type === 'binary_operator') {
    const op = n.childForFieldName('operator')?.type;
    const left = n.childForFieldName('left');
    const right = n.childForFieldName('right');
    if (!left || !right) return undefined;
    const text = literalText(n);
    if (!keywords.test(text)) return undefined;
    if (op === '%' && isPlainString(left)) {
      const r = unwrap(right);
      return (r.type === 'tuple' ? r.namedChildren : [r]).every(safe) ? undefined : '% formatting';
    }
    if (op === '+' && (builtSql(left, keywords, safe) || builtSql(right, keywords, safe))) return 'string concatenation';
    if (op === '+' && !(isStringy(left) && isStringy(right)) && !concatOperands(n).every((o) => isStringy(o) || safe(o))) return 'string concatenation';
    return undefined;
  }
  if (n.type === 'call') {
    const fn = n.childForFieldName('function');
    if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'format') {
      const target = fn.childForFieldName('object');
      if (target && isPlainString(target) && keywords.test(stringContent(target))) {
        const a = callArguments(n);
        if (![...a.positional, ...a.keywords.values()].every(safe)) return '.format()';
      }
    }
    if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'join') {
      const items = callArguments(n).positional[0];
      if (items && keywords.test(literalText(items)) && containsBuilt(items, keywords, safe)) return 'str.join() of built parts';
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

function containsBuilt(n: Node, keywords: RegExp, safe: Safe): boolean {
  return n.descendantsOfType(['string', 'binary_operator']).some((d) => !!d && ((isInterpolatedFString(d) && !!builtSql(d, /./, safe)) || (d.type === 'binary_operator' && !!builtSql(d, keywords, safe))));
}

/** The operands of a chain of + (a + b + c → [a, b, c]). */
function concatOperands(n: Node): Node[] {
  const u = unwrap(n);
  if (u.type === 'binary_operator' && u.childForFieldName('operator')?.type === '+') {
    return [...concatOperands(u.childForFieldName('left')!), ...concatOperands(u.childForFieldName('right')!)];
  }
  return [u];
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
function builtVariable(ctx: RuleContext, query: Node, call: Node, keywords: RegExp, safe: Safe): string | undefined {
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
        const fstring = isInterpolatedFString(right) && !right.descendantsOfType('interpolation').every((i) => !i.namedChildren[0] || safe(i.namedChildren[0]));
        const how = builtSql(right, /./, safe) ?? (fstring ? 'an f-string' : undefined);
        if (how && sqlVariableHasKeywords(ctx, name.text, scope, keywords)) return `${how} (appended to ${name.text})`;
      }
      continue;
    }
    const how = builtSql(right, keywords, safe);
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
