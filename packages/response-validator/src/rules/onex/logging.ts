// ONEX logging: emit_log_event in one of its two real call forms, with a correlation id;
// no print() and no bare logging calls. Signatures come from the profile (onex.*LogParams).
import { memoKey, type SyntaxNode as Node } from '../../parser/mirror/syntax-node.js';
import type { Rule, RuleContext } from '../rule.js';
import { isLogCall } from '../security/secret-in-log.js';
import { type CallArguments, callArguments, calleeText, lastSegment, memo, stringContent, unwrap } from '../tree/nodes.js';

const logFunctions = (ctx: RuleContext) => ctx.profile.onex.logFunctions ?? ['emit_log_event', 'emit_log_event_sync'];

export const nonOnexLogging: Rule = {
  id: 'onex/non-onex-logging',
  category: 'compliance',
  severity: 'warning',
  summary: 'print() or logging/logger call instead of emit_log_event',
  check(ctx) {
    const own = logFunctions(ctx);
    for (const call of ctx.nodes('call')) {
      const callee = calleeText(call);
      if (own.includes(lastSegment(callee)) || !isLogCall(callee, own)) continue;
      ctx.report(call, `${callee}() bypasses ONEX structured logging: use emit_log_event(LogLevel.INFO, "<event_type>", "<message>", correlation_id, data={...})`);
    }
  },
};

type Form = 'canonical' | 'sync';

interface FormCheck {
  form?: Form;
  problem?: string;
}

/** Which real form a call matches (canonical: level, event_type, message, correlation_id, ...; sync: level, message, context). */
function matchForm(ctx: RuleContext, callee: string, args: CallArguments): FormCheck {
  const canonical = ctx.profile.onex.canonicalLogParams ?? ['level', 'event_type', 'message', 'correlation_id', 'node_id', 'data', 'event_bus'];
  const sync = ctx.profile.onex.syncLogParams ?? ['level', 'message', 'context'];
  const fits = (params: string[], required: number): boolean => {
    if (args.positional.length > params.length) return false;
    const given = new Set(params.slice(0, args.positional.length));
    for (const k of args.keywords.keys()) {
      if (!params.includes(k) || given.has(k)) return false;
      given.add(k);
    }
    return params.slice(0, required).every((p) => given.has(p));
  };
  const forms: Form[] = lastSegment(callee).endsWith('_sync') ? ['sync'] : ['canonical', 'sync'];
  for (const form of forms) if (form === 'canonical' ? fits(canonical, 4) : fits(sync, 2)) return { form };
  const unknown = [...args.keywords.keys()].filter((k) => !canonical.includes(k) && !sync.includes(k));
  return {
    problem: unknown.length ? `keyword(s) ${unknown.join(', ')} exist in neither form` : 'the arguments match neither form',
  };
}

interface LogCall extends FormCheck {
  call: Node;
  callee: string;
  args: CallArguments;
}

// Both log rules read the same calls and their forms: match them once per validation run.
const logCallsMemo = memoKey<Map<number, LogCall[]>>('log calls'); // keyed on the run's tree root (ctx is per rule)
function ownLogCalls(ctx: RuleContext): LogCall[] {
  return memo(logCallsMemo, ctx.root, () => {
    const own = logFunctions(ctx);
    const found: LogCall[] = [];
    for (const call of ctx.nodes('call')) {
      const callee = calleeText(call);
      if (!own.includes(lastSegment(callee))) continue;
      const args = callArguments(call);
      found.push({ call, callee, args, ...matchForm(ctx, callee, args) });
    }
    return found;
  });
}

export const logCallForm: Rule = {
  id: 'onex/log-call-form',
  category: 'compliance',
  severity: 'error',
  summary: 'emit_log_event called in neither of its real forms',
  check(ctx) {
    for (const { call, callee, problem } of ownLogCalls(ctx)) {
      if (problem) {
        ctx.report(call, `${callee}(...): ${problem}; call emit_log_event(level, event_type, message, correlation_id, data={...}) or emit_log_event_sync(level, message, {...})`);
      }
    }
  },
};

export const logMissingCorrelationId: Rule = {
  id: 'onex/log-missing-correlation-id',
  category: 'compliance',
  severity: 'warning',
  summary: 'log event without the correlation id',
  check(ctx) {
    for (const { call, args, form } of ownLogCalls(ctx)) {
      if (!form) continue;
      const carrier = form === 'canonical' ? (args.keywords.get('correlation_id') ?? args.positional[3]) : (args.keywords.get('context') ?? args.positional[2]);
      if (carrier && mentionsCorrelationId(carrier, form)) continue;
      const where = form === 'canonical' ? 'as its correlation_id argument' : 'in its context dict ({"correlation_id": ...})';
      ctx.report(call, `pass the request's correlation id ${where} so this event can be traced`);
    }
  },
};

function mentionsCorrelationId(node: Node, form: Form): boolean {
  const n = unwrap(node);
  if (form === 'canonical') return n.type !== 'none';
  const names = [...n.descendantsOfType(['identifier', 'string'])].map((d) => (d?.type === 'string' ? stringContent(d) : (d?.text ?? '')));
  return names.some((t) => t === 'correlation_id' || t === 'correlationId');
}
