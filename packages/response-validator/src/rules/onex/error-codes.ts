// ONEX errors: raise ModelOnexError with an error code; wrap broad exceptions into ModelOnexError.
// (Whether an EnumCoreErrorCode member exists is api/unknown-enum-member's, from the API index.)
import type { SyntaxNode as Node } from '../../parser/mirror/syntax-node.js';
import type { Rule, RuleContext } from '../rule.js';
import { callArguments, calleeText, lastSegment, unwrap } from '../tree/nodes.js';

const errorClass = (ctx: RuleContext) => ctx.profile.onex.errorClass ?? 'ModelOnexError';
const enumName = (ctx: RuleContext) => ctx.profile.onex.errorCodeEnum ?? 'EnumCoreErrorCode';

export const raiseNonOnexError: Rule = {
  id: 'onex/raise-non-onex-error',
  category: 'compliance',
  severity: 'warning',
  summary: 'exception raised that is not ModelOnexError',
  check(ctx) {
    const cls = errorClass(ctx);
    for (const r of ctx.nodes('raise_statement')) {
      const raised = r.namedChildren.find((c) => c && !r.childForFieldName('cause')?.equals(c));
      if (!raised) continue; // bare `raise` re-raises the current exception
      const target = unwrap(raised);
      const name = target.type === 'call' ? calleeText(target) : target.text;
      if (lastSegment(name) === cls || name === 'NotImplementedError' || reRaisesCaught(target)) continue;
      if (target.type === 'identifier' && /^[a-z_]/.test(name)) continue; // a variable holding an error built elsewhere
      ctx.report(r, `raise ${cls}(message=..., error_code=EnumCoreErrorCode.<MEMBER>) instead of ${lastSegment(name)}`);
    }
  },
};

/** `except X as e: ... raise e` */
function reRaisesCaught(target: Node): boolean {
  if (target.type !== 'identifier') return false;
  for (let p = target.parent; p; p = p.parent) {
    if (p.type === 'except_clause') {
      const value = p.childForFieldName('value');
      const alias = value?.type === 'as_pattern' ? value.childForFieldName('alias')?.text : undefined;
      if (alias === target.text) return true;
    }
  }
  return false;
}

export const missingErrorCode: Rule = {
  id: 'onex/missing-error-code',
  category: 'compliance',
  severity: 'warning',
  summary: 'ModelOnexError raised without error_code',
  check(ctx) {
    const cls = errorClass(ctx);
    for (const call of ctx.nodes('call')) {
      if (lastSegment(calleeText(call)) !== cls) continue;
      const args = callArguments(call);
      if (args.keywords.has('error_code') || args.positional.length >= 2) continue;
      ctx.report(call, `${cls}(...) needs error_code=${enumName(ctx)}.<MEMBER> (e.g. OPERATION_FAILED) so callers can tell failures apart`);
    }
  },
};

export const broadExceptNotWrapped: Rule = {
  id: 'onex/broad-except-not-wrapped',
  category: 'compliance',
  severity: 'warning',
  summary: 'except Exception that does not re-raise as ModelOnexError',
  check(ctx) {
    const cls = errorClass(ctx);
    for (const clause of ctx.nodes('except_clause')) {
      const value = clause.childForFieldName('value');
      const caught = value?.type === 'as_pattern' ? value.namedChildren[0] : value;
      if (!caught || !['Exception', 'BaseException'].includes(caught.text)) continue;
      const body = clause.namedChildren.find((c) => c?.type === 'block');
      const raises = body?.descendantsOfType('raise_statement') ?? [];
      const wraps = raises.some((r) => {
        if (!r) return false;
        const raised = r.namedChildren[0];
        return !raised || raised.type === 'identifier' || (raised.type === 'call' && lastSegment(calleeText(raised)) === cls);
      });
      if (!wraps) {
        ctx.report(clause, `except ${caught.text} swallows every failure: re-raise it as ${cls}(message=..., error_code=EnumCoreErrorCode.OPERATION_FAILED) from e`);
      }
    }
  },
};
