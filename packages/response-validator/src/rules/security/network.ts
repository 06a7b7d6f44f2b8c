// HTTP calls without a timeout or with TLS verification off, and servers bound to all interfaces.
import type { SyntaxNode as Node } from '../../parser/mirror/syntax-node.js';
import type { Rule } from '../rule.js';
import { boundName, callArguments, calleeText, isFalse, stringContent, unwrap } from '../tree/nodes.js';

const HTTP_VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request', 'stream']);

export const httpWithoutTimeout: Rule = {
  id: 'security/http-without-timeout',
  category: 'security',
  severity: 'warning',
  summary: 'requests/httpx call without a timeout can hang forever',
  bandit: 'B113',
  cwe: 'CWE-400',
  check(ctx) {
    for (const call of ctx.nodes('call')) {
      const callee = ctx.qualify(calleeText(call));
      const [lib, verb, ...rest] = callee.split('.');
      if (rest.length || !verb || !HTTP_VERBS.has(verb) || (lib !== 'requests' && lib !== 'httpx')) continue;
      const timeout = callArguments(call).keywords.get('timeout');
      if (timeout && unwrap(timeout).type !== 'none') continue;
      ctx.report(call, `${callee}() has no timeout: pass timeout=<seconds> (e.g. timeout=10) so a stalled server cannot hang the node`);
    }
  },
};

export const tlsVerificationDisabled: Rule = {
  id: 'security/tls-verification-disabled',
  category: 'security',
  severity: 'error',
  summary: 'TLS certificate verification turned off (verify=False)',
  bandit: 'B501,B323',
  cwe: 'CWE-295',
  check(ctx) {
    for (const call of ctx.nodes('call')) {
      const callee = ctx.qualify(calleeText(call));
      if (callee === 'ssl._create_unverified_context') {
        ctx.report(call, 'ssl._create_unverified_context() skips certificate checks: use ssl.create_default_context()');
      } else if (isHttpClientCall(callee) && isFalse(callArguments(call).keywords.get('verify'))) {
        ctx.report(call, `${callee}(..., verify=False) accepts any certificate: keep verification on (pass a CA bundle path if needed)`);
      }
    }
  },
};

export const bindAllInterfaces: Rule = {
  id: 'security/bind-all-interfaces',
  category: 'security',
  severity: 'warning',
  summary: 'server bound to 0.0.0.0 (all interfaces)',
  bandit: 'B104',
  cwe: 'CWE-605',
  check(ctx) {
    if (!ctx.module.strings.some((s) => s.value === '0.0.0.0')) return; // plain data first: most code binds nothing
    for (const s of ctx.nodes('string')) {
      if (stringContent(s) !== '0.0.0.0') continue;
      const parent = s.parent;
      // comparisons ("is this the wildcard address?") and docstrings do not bind anything
      if (!parent || parent.type === 'expression_statement' || insideComparison(s)) continue;
      if (parent.type === 'assignment' && !/host|bind|addr|interface|listen/i.test(boundName(parent.childForFieldName('left')) ?? '')) continue;
      ctx.report(s, 'binding to 0.0.0.0 exposes the service on every interface: bind to 127.0.0.1 or take the host from configuration');
    }
  },
};


function insideComparison(node: Node): boolean {
  for (let p = node.parent; p && !p.type.endsWith('statement'); p = p.parent) if (p.type === 'comparison_operator') return true;
  return false;
}

const HTTP_LIBRARIES = new Set(['requests', 'httpx', 'aiohttp', 'urllib3']);
const HTTP_CALLS = new Set([...HTTP_VERBS, 'Client', 'AsyncClient', 'Session', 'ClientSession', 'TCPConnector', 'urlopen', 'PoolManager', 'send']);

/** `verify=` means TLS only on HTTP clients (jwt.decode(verify=False) is a different rule). */
function isHttpClientCall(callee: string): boolean {
  const parts = callee.split('.');
  return HTTP_LIBRARIES.has(parts[0] ?? '') || HTTP_CALLS.has(parts[parts.length - 1] ?? '');
}
