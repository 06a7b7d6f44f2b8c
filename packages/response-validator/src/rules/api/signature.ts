// Matches a call's arguments against an indexed signature the way Python binds them: positional
// count, keywords that exist (unless **kwargs), required parameters given, none given twice.
import type { ApiFunction, ApiParam } from '../../api-index/schema.js';
import type { SyntaxNode as Node } from '../../parser/mirror/syntax-node.js';
import { closest } from '../onex/closest.js';
import { callArguments } from '../tree/nodes.js';

export interface CallProblem {
  rule: 'api/call-arity' | 'api/unknown-keyword';
  message: string;
  at: Node;
}

/** `name(level, message, context=None)` — for messages. */
export function renderSignature(name: string, params: readonly ApiParam[]): string {
  const parts: string[] = [];
  let starDone = false;
  for (const p of params) {
    if (p.kind === 'keyword_only' && !starDone) {
      parts.push('*');
      starDone = true;
    }
    if (p.kind === 'var_positional') starDone = true;
    const prefix = p.kind === 'var_positional' ? '*' : p.kind === 'var_keyword' ? '**' : '';
    parts.push(`${prefix}${p.name}${p.default ? '=…' : ''}`);
  }
  return `${name}(${parts.join(', ')})`;
}

/** The parameters a caller passes: without the bound `self`/`cls` when `bound`. */
export function callableParams(fn: ApiFunction, bound: boolean): ApiParam[] {
  const params = fn.params;
  if (bound && params[0] && (params[0].kind === 'positional_or_keyword' || params[0].kind === 'positional_only')) return params.slice(1);
  return params;
}

export function matchCall(call: Node, name: string, params: readonly ApiParam[]): CallProblem[] {
  const { positional, keywords } = callArguments(call);
  const starArgs = positional.some((a) => a.type === 'list_splat');
  const starKwargs = positional.some((a) => a.type === 'dictionary_splat');
  const given = positional.filter((a) => a.type !== 'list_splat' && a.type !== 'dictionary_splat');
  const positionalParams = params.filter((p) => p.kind === 'positional_only' || p.kind === 'positional_or_keyword');
  const varPositional = params.some((p) => p.kind === 'var_positional');
  const varKeyword = params.some((p) => p.kind === 'var_keyword');
  const keywordable = params.filter((p) => p.kind === 'positional_or_keyword' || p.kind === 'keyword_only');
  const sig = renderSignature(name, params);
  const problems: CallProblem[] = [];

  if (!starArgs && !varPositional && given.length > positionalParams.length) {
    problems.push({
      rule: 'api/call-arity',
      at: given[positionalParams.length]!,
      message: `${sig} takes ${positionalParams.length} positional argument${positionalParams.length === 1 ? '' : 's'}, ${given.length} given`,
    });
  }
  const filledByPosition = new Set(starArgs ? positionalParams.map((p) => p.name) : positionalParams.slice(0, given.length).map((p) => p.name));
  for (const [kw, value] of keywords) {
    const param = keywordable.find((p) => p.name === kw);
    if (!param) {
      if (varKeyword) continue;
      const suggestion = closest(kw, keywordable.map((p) => p.name), 3);
      problems.push({
        rule: 'api/unknown-keyword',
        at: value.parent ?? value,
        message: `${sig} has no parameter "${kw}"${suggestion ? `: did you mean ${suggestion}=?` : ''}`,
      });
    } else if (!starArgs && filledByPosition.has(kw)) {
      problems.push({ rule: 'api/call-arity', at: value.parent ?? value, message: `${sig} got two values for "${kw}" (by position and by keyword)` });
    }
  }
  if (!starKwargs) {
    const missing = params.filter(
      (p) => !p.default && (p.kind === 'positional_only' || p.kind === 'positional_or_keyword' || p.kind === 'keyword_only') && !filledByPosition.has(p.name) && !keywords.has(p.name),
    );
    if (missing.length) {
      problems.push({
        rule: 'api/call-arity',
        at: call,
        message: `${sig} is missing required argument${missing.length === 1 ? '' : 's'} ${missing.map((p) => `"${p.name}"`).join(', ')}`,
      });
    }
  }
  return problems;
}
