// HTTP calls that can hang forever and TLS connections that accept any certificate, across
// requests, httpx, aiohttp, urllib3, urllib and ssl. Callees are resolved first, so a
// `requests.Session()` bound to a name (or `self.session`, or a `with ... as s`) is a requests
// session. httpx and aiohttp have default timeouts: only an explicit `timeout=None` disables them.
import type { SyntaxNode as Node } from '../../parser/mirror/syntax-node.js';
import type { Rule, RuleContext } from '../rule.js';
import type { CallSite } from '../tree/call-sites.js';
import { isFalse, lastSegment, unwrap } from '../tree/nodes.js';
import { oncePerLine } from './once-per-line.js';

const HTTP_VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request', 'stream', 'send']);
const REQUESTS_OWNERS = new Set(['requests', 'requests.api', 'requests.Session()', 'requests.session()', 'requests.sessions.Session()']);
const DEFAULT_TIMEOUT_OWNERS = new Set(['httpx', 'httpx.Client()', 'httpx.AsyncClient()', 'aiohttp.ClientSession()', 'aiohttp']);
const URLLIB3_REQUESTS = new Set(['urllib3.request', 'urllib3.PoolManager().request', 'urllib3.PoolManager().urlopen', 'urllib3.PoolManager().request_encode_url', 'urllib3.PoolManager().request_encode_body']);

function isNone(node: Node | undefined): boolean {
  return !!node && unwrap(node).type === 'none';
}

export const httpWithoutTimeout: Rule = {
  id: 'security/http-without-timeout',
  category: 'security',
  severity: 'warning',
  summary: 'HTTP call that can hang forever (requests without timeout, timeout=None anywhere, urlopen/urllib3 without timeout)',
  bandit: 'B113',
  cwe: 'CWE-400',
  check(ctx) {
    const once = oncePerLine(ctx);
    const poolTimeout = ctx.sites().some((s) => s.callee === 'urllib3.PoolManager' && s.keywords.has('timeout'));
    for (const site of ctx.sites()) {
      if (!site.argsKnown) continue;
      const callee = site.callee;
      const verb = lastSegment(callee);
      const owner = callee.slice(0, Math.max(0, callee.length - verb.length - 1));
      const timeout = site.keywords.get('timeout');
      if (REQUESTS_OWNERS.has(owner) && HTTP_VERBS.has(verb) && verb !== 'send') {
        if (isNone(timeout) || (!timeout && !site.hasSplat)) once(site.node, `${callee}() has no timeout: pass timeout=<seconds> (e.g. timeout=10) so a stalled server cannot hang the node`);
        continue;
      }
      if ((DEFAULT_TIMEOUT_OWNERS.has(owner) && HTTP_VERBS.has(verb)) || ['httpx.Client', 'httpx.AsyncClient', 'aiohttp.ClientSession', 'aiohttp.request'].includes(callee)) {
        if (isNone(timeout)) once(site.node, `${callee}(timeout=None) disables the client's default timeout: pass timeout=<seconds>`);
        continue;
      }
      if (callee === 'httpx.Timeout' && isNone(site.positional[0]) && site.keywords.size === 0) {
        once(site.node, 'httpx.Timeout(None) never times out: give it seconds (httpx.Timeout(10.0))');
        continue;
      }
      if (callee === 'aiohttp.ClientTimeout' && !site.positional.length && [...site.keywords.values()].every(isNone)) {
        once(site.node, 'aiohttp.ClientTimeout() without values never times out: set total=<seconds>');
        continue;
      }
      if (callee === 'urllib.request.urlopen' || callee === 'urllib2.urlopen' || callee === 'http.client.HTTPConnection' || callee === 'http.client.HTTPSConnection') {
        const t = timeout ?? (callee.endsWith('urlopen') ? site.positional[2] : undefined);
        if ((!t && !site.hasSplat) || isNone(t)) once(site.node, `${callee}() without a timeout waits forever on a stalled server: pass timeout=<seconds>`);
        continue;
      }
      if (URLLIB3_REQUESTS.has(callee) && (isNone(timeout) || (!timeout && !site.hasSplat && !poolTimeout))) {
        once(site.node, `${callee}() has no timeout (urllib3 waits forever by default): pass timeout=urllib3.Timeout(connect=5, read=30)`);
      }
    }
  },
};

const HTTP_LIBRARIES = new Set(['requests', 'httpx', 'aiohttp', 'urllib3']);
const HTTP_CALLS = new Set([...HTTP_VERBS, 'Client', 'AsyncClient', 'Session', 'ClientSession', 'TCPConnector', 'urlopen', 'PoolManager', 'ws_connect', 'AsyncHTTPTransport', 'HTTPTransport']);
const TLS_ATTRIBUTES = new Set(['check_hostname', 'verify', 'verify_mode', '_create_default_https_context']);
const NO_CERT = new Set(['ssl.CERT_NONE', 'ssl.VerifyMode.CERT_NONE', 'CERT_NONE']);

/** `verify=` means TLS only on HTTP clients (jwt.decode(verify=False) is a different rule). */
function isHttpClientCall(callee: string): boolean {
  const parts = callee.split('.');
  return HTTP_LIBRARIES.has(parts[0] ?? '') || HTTP_CALLS.has(parts[parts.length - 1] ?? '');
}

export const tlsVerificationDisabled: Rule = {
  id: 'security/tls-verification-disabled',
  category: 'security',
  severity: 'error',
  summary: 'TLS certificate or host name verification turned off (verify=False, ssl=False, CERT_NONE, check_hostname=False, unverified contexts)',
  bandit: 'B501,B323',
  cwe: 'CWE-295',
  check(ctx) {
    const once = oncePerLine(ctx);
    for (const site of ctx.sites()) {
      const callee = site.callee;
      if (callee === 'ssl._create_unverified_context' || callee === 'ssl._create_stdlib_context') {
        once(site.node, `${callee}() skips certificate checks: use ssl.create_default_context()`);
        continue;
      }
      if (site.via === 'reference') continue;
      const why = disabledBy(ctx, site);
      if (why) once(site.node, `${callee}(..., ${why}) accepts any certificate: keep verification on (pass a CA bundle path or an ssl.create_default_context() if needed)`);
    }
    // `ctx.check_hostname = False`, `ctx.verify_mode = ssl.CERT_NONE`, `session.verify = False`,
    // `ssl._create_default_https_context = ssl._create_unverified_context`
    for (const a of ctx.nodes('assignment')) {
      const left = a.childForFieldName('left');
      const right = a.childForFieldName('right');
      if (!left || !right || left.type !== 'attribute') continue;
      const attr = left.childForFieldName('attribute')?.text;
      if (!attr || !TLS_ATTRIBUTES.has(attr)) continue;
      const value = ctx.names.resolve(right);
      if ((attr === 'check_hostname' || attr === 'verify') && isFalse(right)) once(a, `${attr} = False turns off certificate verification: leave it on`);
      else if (attr === 'verify_mode' && value && NO_CERT.has(value)) once(a, 'verify_mode = CERT_NONE accepts any certificate: use ssl.CERT_REQUIRED (the default of create_default_context())');
      else if (value === 'ssl._create_unverified_context') once(a, 'installing ssl._create_unverified_context as the default turns off certificate checks for every connection');
    }
    // CERT_NONE handed to anything else (wrap_socket(cert_reqs=...), sslopt={...})
    for (const n of ctx.nodes('attribute')) {
      if (n.childForFieldName('attribute')?.text !== 'CERT_NONE' || !NO_CERT.has(ctx.names.resolve(n) ?? '')) continue;
      if (insideComparison(n) || n.parent?.type === 'assignment') continue;
      once(n, 'ssl.CERT_NONE accepts any certificate: use ssl.CERT_REQUIRED');
    }
  },
};

function disabledBy(ctx: RuleContext, site: CallSite): string | undefined {
  const kw = site.keywords;
  if (isFalse(kw.get('verify_ssl'))) return 'verify_ssl=False';
  if (isFalse(kw.get('assert_hostname'))) return 'assert_hostname=False';
  const certReqs = kw.get('cert_reqs');
  if (certReqs && (['CERT_NONE', 'NONE'].includes(ctx.names.constant(certReqs) ?? '') || NO_CERT.has(ctx.names.resolve(certReqs) ?? ''))) return 'cert_reqs=CERT_NONE';
  if (!isHttpClientCall(site.callee)) return undefined;
  if (isFalse(kw.get('verify'))) return 'verify=False';
  // aiohttp: ssl=False on a request, a session's connector or TCPConnector
  if (isFalse(kw.get('ssl')) && (site.callee.startsWith('aiohttp') || HTTP_VERBS.has(lastSegment(site.callee)) || lastSegment(site.callee) === 'ws_connect' || lastSegment(site.callee) === 'TCPConnector')) return 'ssl=False';
  return undefined;
}

export function insideComparison(node: Node): boolean {
  for (let p = node.parent; p && !p.type.endsWith('statement'); p = p.parent) if (p.type === 'comparison_operator') return true;
  return false;
}

const OLD_PROTOCOLS = new Set([
  'ssl.PROTOCOL_SSLv2', 'ssl.PROTOCOL_SSLv3', 'ssl.PROTOCOL_TLSv1', 'ssl.PROTOCOL_TLSv1_1', 'ssl.TLSVersion.SSLv3', 'ssl.TLSVersion.TLSv1',
  'ssl.TLSVersion.TLSv1_1', 'OpenSSL.SSL.SSLv2_METHOD', 'OpenSSL.SSL.SSLv3_METHOD', 'OpenSSL.SSL.TLSv1_METHOD', 'OpenSSL.SSL.TLSv1_1_METHOD',
  'SSL.SSLv2_METHOD', 'SSL.SSLv3_METHOD', 'SSL.TLSv1_METHOD', 'SSL.TLSv1_1_METHOD',
]);

const OLD_PROTOCOL_NAMES = new Set([...OLD_PROTOCOLS].map(lastSegment));

export const weakTlsProtocol: Rule = {
  id: 'security/weak-tls-protocol',
  category: 'security',
  severity: 'error',
  summary: 'SSLv2/SSLv3/TLS 1.0/TLS 1.1 selected (ssl.PROTOCOL_*, TLSVersion, pyOpenSSL methods)',
  bandit: 'B502,B503',
  cwe: 'CWE-327',
  check(ctx) {
    const once = oncePerLine(ctx);
    for (const n of ctx.nodes('attribute')) {
      if (!OLD_PROTOCOL_NAMES.has(n.childForFieldName('attribute')?.text ?? '')) continue; // plain text first
      const q = ctx.names.resolve(n);
      if (!q || !OLD_PROTOCOLS.has(q) || insideComparison(n)) continue;
      once(n, `${lastSegment(q)} is a broken protocol version: use ssl.create_default_context() (TLS 1.2+) or minimum_version = ssl.TLSVersion.TLSv1_2`);
    }
    for (const id of ctx.nodes('identifier')) {
      if (!OLD_PROTOCOL_NAMES.has(id.text)) continue;
      if (id.parent?.type === 'attribute' || id.parent?.type === 'dotted_name' || id.parent?.type === 'aliased_import') continue;
      const q = ctx.names.resolve(id);
      if (q && q !== id.text && OLD_PROTOCOLS.has(q) && !insideComparison(id)) once(id, `${lastSegment(q)} is a broken protocol version: use TLS 1.2 or later`);
    }
  },
};

const HOST_NAME = /host|bind|addr|interface|listen/i;
const HOST_KEYWORDS = /^(host|hostname|bind|bind_host|address|addr|listen|listen_addr|interface|server_host|server_address)$/i;
/** constructors and functions whose first argument is an (host, port) address or a host */
const SERVER_CALLS = /(^|\.)(TCPServer|UDPServer|ThreadingTCPServer|ThreadingUDPServer|ForkingTCPServer|HTTPServer|ThreadingHTTPServer|make_server|WSGIServer|SimpleXMLRPCServer)$/;
const HOST_POSITION = new Map([['start_server', 1], ['create_server', 1], ['TCPSite', 1], ['start_unix_server', -1]]);

export const bindAllInterfaces: Rule = {
  id: 'security/bind-all-interfaces',
  category: 'security',
  severity: 'warning',
  summary: 'server bound to every interface (0.0.0.0, ::, or "" as a host)',
  bandit: 'B104',
  cwe: 'CWE-605',
  check(ctx) {
    const wildcard = ctx.module.strings.filter((s) => ['0.0.0.0', '::', '', '::0'].includes(s.value));
    if (!wildcard.length) return; // plain data first: most code binds nothing
    const once = oncePerLine(ctx);
    const starts = new Set(wildcard.map((s) => s.range.startIndex));
    for (const s of ctx.nodes('string')) {
      if (!starts.has(s.startIndex)) continue;
      const value = ctx.names.constant(s);
      if (value === undefined || !['0.0.0.0', '::', '', '::0'].includes(value) || s.descendantsOfType('interpolation').length) continue;
      const parent = s.parent;
      if (!parent || parent.type === 'expression_statement' || insideComparison(s)) continue;
      const strict = value !== '0.0.0.0';
      if (parent.type === 'assignment') {
        if (value === '') continue; // `host = ""` is as often a placeholder filled in later
        if (!HOST_NAME.test(parent.childForFieldName('left')?.text ?? '') || /url|uri/i.test(parent.childForFieldName('left')?.text ?? '')) continue;
      } else if (strict && !hostContext(ctx, s)) continue;
      once(s, `binding to ${value === '' ? '"" (every interface)' : value} exposes the service on every interface: bind to 127.0.0.1 (or ::1) or take the host from configuration`);
    }
  },
};

/** Is this string used as a host to listen on? (`host="::"`, `sock.bind(("", 80))`, `start_server(h, "::", 80)`) */
function hostContext(ctx: RuleContext, s: Node): boolean {
  let n: Node = s;
  // inside a list of hosts or a (host, port) tuple
  if (n.parent && ['list', 'tuple'].includes(n.parent.type)) {
    if (n.parent.type === 'tuple' && n.parent.namedChildren[0] !== n) return false;
    n = n.parent;
  }
  const p = n.parent;
  if (!p) return false;
  // server_address = ("", 8000)
  if (n.type === 'tuple' && p.type === 'assignment') return HOST_NAME.test(p.childForFieldName('left')?.text ?? '');
  if (p.type === 'keyword_argument') return HOST_KEYWORDS.test(p.childForFieldName('name')?.text ?? '');
  if (p.type !== 'argument_list' || p.parent?.type !== 'call') return false;
  const call = p.parent;
  const callee = ctx.names.resolve(call.childForFieldName('function') ?? call) ?? '';
  const index = p.namedChildren.indexOf(n);
  if (n.type === 'tuple') return index === 0 && (lastSegment(callee) === 'bind' || SERVER_CALLS.test(callee));
  if (lastSegment(callee) === 'make_server') return index === 0;
  return HOST_POSITION.get(lastSegment(callee)) === index;
}
