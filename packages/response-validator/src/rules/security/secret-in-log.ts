// Secrets written to logs: a log call (emit_log_event, logging, logger.*, print) whose arguments
// carry a value named like a secret, unless it only passes through a sanitiser (len, mask, bool,
// a comparison) first.
import type { SyntaxNode as Node } from '../../parser/mirror/syntax-node.js';
import type { Rule } from '../rule.js';
import { calleeText, lastSegment } from '../tree/nodes.js';
import { secretMatcher } from './secret-names.js';

const LOG_METHODS = new Set(['debug', 'info', 'warning', 'warn', 'error', 'exception', 'critical', 'log', 'fatal']);

export function isLogCall(callee: string, logFunctions: readonly string[]): boolean {
  if (callee === 'print' || logFunctions.includes(callee) || logFunctions.includes(lastSegment(callee))) return true;
  const parts = callee.split('.');
  const method = parts.pop() ?? '';
  const receiver = (parts.pop() ?? '').toLowerCase();
  return LOG_METHODS.has(method) && (receiver === 'logging' || /(^|_)(log|logger)$/.test(receiver));
}

export const secretInLog: Rule = {
  id: 'security/secret-in-log',
  category: 'security',
  severity: 'error',
  summary: 'secret value passed to a log call',
  bandit: 'none (no Bandit rule)',
  cwe: 'CWE-532',
  check(ctx) {
    const secrets = secretMatcher(ctx.profile);
    const sanitizers = (ctx.profile.security.logSanitizers ?? []).map((s) => s.toLowerCase());
    const logFunctions = ctx.profile.onex.logFunctions ?? ['emit_log_event'];
    // The parser's call list (plain data) tells which log calls mention any name at all worth a look.
    const argumentText = new Map(ctx.module.calls.map((c) => [c.range.startIndex, [...c.args, ...c.keywords.map((k) => k.value)].join(' ')]));
    const mayLeak = (text: string | undefined) => text === undefined || text.split(/[^A-Za-z0-9_]+/).some((w) => w !== '' && secrets.isSecretName(w));
    for (const call of ctx.nodes('call')) {
      if (!isLogCall(calleeText(call), logFunctions) || !mayLeak(argumentText.get(call.startIndex))) continue;
      const args = call.childForFieldName('arguments');
      if (!args) continue;
      for (const id of args.descendantsOfType(['identifier'])) {
        if (!id || !isValueReference(id) || !secrets.isSecretName(id.text)) continue;
        if (sanitized(id, args, sanitizers)) continue;
        ctx.report(id, `"${id.text}" is written to the log: log that it is set (bool/len) or a masked form, never the value itself`);
        break;
      }
    }
  },
};

/** A read of a variable or attribute value (not a keyword name, not the object of a further attribute). */
function isValueReference(id: Node): boolean {
  const parent = id.parent;
  if (!parent) return false;
  if (parent.type === 'keyword_argument' && parent.childForFieldName('name')?.equals(id)) return false;
  // a callee (`get_token()`, `self.mask_password(...)`) is not the secret itself
  if (parent.type === 'call' && parent.childForFieldName('function')?.equals(id)) return false;
  if (parent.type === 'attribute' && parent.parent?.type === 'call' && parent.childForFieldName('attribute')?.equals(id) && parent.parent.childForFieldName('function')?.equals(parent)) return false;
  // the expression holding the secret: `self.api_key` for the attribute name, the identifier otherwise
  const holder = parent.type === 'attribute' && parent.childForFieldName('attribute')?.equals(id) ? parent : id;
  const outer = holder.parent;
  if (outer?.type === 'attribute' && outer.childForFieldName('object')?.equals(holder)) {
    // `token.expires_at` reads a property of the secret; `password.strip()` still hands the secret over
    return outer.parent?.type === 'call' && !!outer.parent.childForFieldName('function')?.equals(outer);
  }
  return true;
}

/** Between the identifier and the log call's argument list, is there a call to a sanitiser or a comparison? */
function sanitized(id: Node, until: Node, sanitizers: string[]): boolean {
  for (let p = id.parent; p && !p.equals(until); p = p.parent) {
    if (p.type === 'comparison_operator' || p.type === 'not_operator' || p.type === 'boolean_operator') return true;
    // `"yes" if api_key else "no"`: the secret is only the condition
    if (p.type === 'conditional_expression' && p.namedChildren[1] && p.namedChildren[1].startIndex <= id.startIndex && id.endIndex <= p.namedChildren[1].endIndex) return true;
    if (p.type === 'call') {
      const name = lastSegment(calleeText(p)).toLowerCase();
      if (sanitizers.some((s) => name === s || name.includes(s))) return true;
    }
  }
  return false;
}
