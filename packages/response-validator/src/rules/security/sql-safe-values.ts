// Values that cannot carry attacker text into SQL, so building SQL from them is not injection:
// literals, int()/float()/len() results, CONSTANT names, names checked against an allow-list
// before use, names looked up in an allow-list, a choice between literals, and generated
// placeholder lists. Anything else interpolated into SQL is treated as input.
import type { SyntaxNode as Node } from '../../parser/mirror/syntax-node.js';
import type { RuleContext } from '../rule.js';
import { calleeText, enclosingFunction, isPlainString, lastSegment, stringContent, unwrap } from '../tree/nodes.js';

const NUMERIC_CASTS = new Set(['int', 'float', 'len', 'bool', 'abs', 'round', 'uuid.UUID', 'decimal.Decimal']);
const CONSTANT_NAME = /^_?[A-Z][A-Z0-9_]*$/;
const PLACEHOLDER_TEXT = /^(\s|,|\$|%s|\?|:\w*|\(|\)|\d)*$/;

export function safeSqlValue(ctx: RuleContext, expr: Node, at: Node, depth = 0): boolean {
  if (depth > 6) return false;
  const n = unwrap(expr);
  if (['integer', 'float', 'true', 'false', 'none'].includes(n.type) || isPlainString(n)) return true;
  // `{limit:d}` in an f-string is a format spec on the value; the value is what matters
  if (n.type === 'call') {
    const callee = ctx.names.resolve(n.childForFieldName('function') ?? n) ?? calleeText(n);
    if (NUMERIC_CASTS.has(callee)) return true;
    if (lastSegment(callee) === 'get' || lastSegment(callee) === 'join') return fromAllowList(ctx, n) || placeholders(n);
    return false;
  }
  if (n.type === 'conditional_expression') return n.namedChildren.filter((_, i) => i !== 1).every((c) => safeSqlValue(ctx, c, at, depth + 1));
  if (n.type === 'subscript') return fromAllowList(ctx, n);
  if (n.type === 'attribute' || n.type === 'identifier') {
    const name = n.type === 'identifier' ? n.text : n.childForFieldName('attribute')?.text ?? '';
    if (CONSTANT_NAME.test(name)) return true;
    if (n.type === 'identifier' && checkedAgainstAllowList(n.text, at)) return true;
    const def = ctx.names.definition(n);
    return !!def && def !== n && safeSqlValue(ctx, def, at, depth + 1);
  }
  if (n.type === 'binary_operator') {
    // "?" * len(ids), ", ".join(...) + ")" …
    const l = n.childForFieldName('left');
    const r = n.childForFieldName('right');
    return !!l && !!r && safeSqlValue(ctx, l, at, depth + 1) && safeSqlValue(ctx, r, at, depth + 1);
  }
  return false;
}

/** `ALLOWED[col]`, `ALLOWED.get(col, "id")`, `{"name": "name", ...}.get(col)` */
function fromAllowList(ctx: RuleContext, n: Node): boolean {
  const holder =
    n.type === 'subscript'
      ? n.childForFieldName('value')
      : n.childForFieldName('function')?.type === 'attribute'
        ? n.childForFieldName('function')!.childForFieldName('object')
        : null;
  if (!holder) return false;
  const h = unwrap(holder);
  if (h.type === 'dictionary') return h.namedChildren.every((p) => p.type !== 'pair' || isPlainString(p.childForFieldName('value') ?? p));
  const name = h.type === 'identifier' ? h.text : h.type === 'attribute' ? h.childForFieldName('attribute')?.text ?? '' : '';
  if (CONSTANT_NAME.test(name)) return true;
  const def = ctx.names.definition(h);
  return !!def && unwrap(def).type === 'dictionary' && unwrap(def).namedChildren.every((p) => p.type !== 'pair' || isPlainString(p.childForFieldName('value') ?? p));
}

/** `", ".join(f"${i + 1}" for i in range(n))`, `",".join(["%s"] * len(ids))`: only placeholders. */
function placeholders(n: Node): boolean {
  const strings = n.descendantsOfType('string');
  return strings.length > 0 && strings.some((s) => /[$?:%]/.test(stringContent(s))) && strings.every((s) => PLACEHOLDER_TEXT.test(stringContent(s)));
}

/**
 * Before `at`, in the same function: `if name not in ALLOWED: raise/return …`, `assert name in …`,
 * or `at` sits inside `if name in ALLOWED:`.
 */
function checkedAgainstAllowList(name: string, at: Node): boolean {
  const fn = enclosingFunction(at);
  const scope = fn ?? at.tree.rootNode;
  for (const stmt of scope.descendantsOfType(['if_statement', 'assert_statement'])) {
    if (stmt.startIndex > at.startIndex || enclosingFunction(stmt)?.startIndex !== fn?.startIndex) continue;
    const condition = stmt.type === 'if_statement' ? stmt.childForFieldName('condition') : stmt.namedChildren[0];
    if (!condition) continue;
    const test = membership(condition, name);
    if (!test) continue;
    const inside = stmt.type === 'if_statement' && at.startIndex < (stmt.childForFieldName('consequence')?.endIndex ?? 0);
    if (test === 'in' && (stmt.type === 'assert_statement' || inside)) return true;
    if (test === 'not in' && stmt.type === 'if_statement') {
      const body = stmt.childForFieldName('consequence');
      if (body?.descendantsOfType(['raise_statement', 'return_statement', 'continue_statement']).length) return true;
    }
  }
  return false;
}

function membership(condition: Node, name: string): 'in' | 'not in' | undefined {
  const c = unwrap(condition);
  if (c.type !== 'comparison_operator') return undefined;
  const left = c.namedChildren[0];
  if (!left || unwrap(left).text !== name) return undefined;
  const ops = c.children.filter((x) => !x.isNamed).map((x) => x.type).join(' ');
  if (ops === 'not in') return 'not in';
  if (ops === 'in') return 'in';
  return undefined;
}
