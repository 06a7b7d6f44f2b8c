// Python APIs that are unsafe by design: assert for validation; temporary files at predictable
// names (tempfile.mktemp, paths in /tmp, /var/tmp or /dev/shm however they are built, names
// joined onto tempfile.gettempdir()).
import type { SyntaxNode as Node } from '../../parser/mirror/syntax-node.js';
import type { Rule, RuleContext } from '../rule.js';
import { calleeText, enclosingFunction, functionName, lastSegment, stringContent, unwrap } from '../tree/nodes.js';
import { insideComparison } from './network.js';
import { oncePerLine } from './once-per-line.js';
import { isLogCall } from './secret-in-log.js';

export const assertUsed: Rule = {
  id: 'security/assert-used',
  category: 'security',
  severity: 'warning',
  summary: 'assert used for validation (removed under python -O)',
  bandit: 'B101',
  cwe: 'CWE-703',
  check(ctx) {
    for (const a of ctx.nodes('assert_statement')) {
      const fn = enclosingFunction(a);
      if (fn && functionName(fn).startsWith('test')) continue;
      ctx.report(a, 'assert is stripped under python -O, so this check disappears in production: raise ModelOnexError(error_code=EnumCoreErrorCode.VALIDATION_ERROR, ...) instead');
    }
  },
};

const SHARED_TMP = /^(\/tmp|\/var\/tmp|\/dev\/shm|\/usr\/tmp)(\/|$)/;
const TEMPFILE_SAFE = /^tempfile\.(mkstemp|mkdtemp|NamedTemporaryFile|TemporaryFile|SpooledTemporaryFile|TemporaryDirectory)$/;
const NOT_A_PATH_USE = new Set(['startswith', 'endswith', 'relative_to', 'is_relative_to', 'commonpath', 'match', 'fnmatch', 'search']);

export const insecureTempFile: Rule = {
  id: 'security/insecure-temp-file',
  category: 'security',
  severity: 'error',
  summary: 'temporary file at a predictable name (tempfile.mktemp, "/tmp/..." however built, gettempdir() + name)',
  bandit: 'B306,B108,B377',
  cwe: 'CWE-377',
  check(ctx) {
    const once = oncePerLine(ctx);
    for (const site of ctx.sites()) {
      if (['tempfile.mktemp', 'os.tempnam', 'os.tmpnam'].includes(site.callee)) {
        once(site.node, `${site.callee}() returns a name another process can take first: use tempfile.NamedTemporaryFile() or tempfile.mkstemp()`);
      }
    }
    const message = 'a fixed path in the shared temp directory can be pre-created or symlinked by another user: use tempfile.mkstemp()/NamedTemporaryFile()/TemporaryDirectory()';
    if (ctx.module.strings.some((s) => SHARED_TMP.test(s.value))) {
      for (const s of ctx.nodes('string')) {
        if (s.parent?.type === 'concatenated_string' || !SHARED_TMP.test(leadingText(s))) continue;
        if (usedAsPath(ctx, s)) once(s, message);
      }
    }
    // os.path.join(tempfile.gettempdir(), "x"), Path(tempfile.gettempdir()) / "x", f"{gettempdir()}/x"
    for (const site of ctx.sites()) {
      if (site.callee !== 'tempfile.gettempdir' || site.via !== 'call') continue;
      const outer = joinedOnto(ctx, site.call);
      if (outer && usedAsPath(ctx, outer)) once(site.call, message);
    }
  },
};

/** The literal text a string starts with (an f-string up to its first interpolation). */
function leadingText(s: Node): string {
  const n = unwrap(s);
  if (n.type === 'concatenated_string') return n.namedChildren[0] ? leadingText(n.namedChildren[0]) : '';
  let text = '';
  for (const c of n.namedChildren) {
    if (c.type === 'string_start') continue;
    if (c.type !== 'string_content' && c.type !== 'escape_sequence') break;
    text += c.text;
  }
  return text || stringContent(n);
}

/** gettempdir() made into a longer path: join(…), `/`, `+`, an f-string. Returns the whole path expression. */
function joinedOnto(ctx: RuleContext, call: Node): Node | undefined {
  let n = call;
  while (n.parent?.type === 'parenthesized_expression') n = n.parent;
  const p = n.parent;
  if (!p) return undefined;
  if (p.type === 'binary_operator' && ['/', '+'].includes(p.childForFieldName('operator')?.type ?? '')) return p;
  if (p.type === 'interpolation') return p.parent ?? undefined;
  if (p.type === 'argument_list' && p.parent?.type === 'call') {
    const outer = p.parent;
    const callee = ctx.names.resolve(outer.childForFieldName('function') ?? outer) ?? '';
    if (/^(os\.path\.join|posixpath\.join)$/.test(callee) && p.namedChildren.length > 1) return outer;
    if (/^(pathlib\.)?(Pure)?(Posix)?Path$/.test(callee)) return joinedOnto(ctx, outer) ?? (p.namedChildren.length > 1 ? outer : undefined);
  }
  return undefined;
}

/** Not a prefix test, a comparison, a message, a docstring or the `dir=` of a tempfile function. */
function usedAsPath(ctx: RuleContext, node: Node): boolean {
  if (insideComparison(node)) return false;
  for (let p: Node | null = node.parent; p; p = p.parent) {
    if (p.type === 'expression_statement' && p.namedChildren.length === 1 && p.namedChildren[0]?.type === 'string') return false;
    if (p.type.endsWith('statement') || p.type === 'block') break;
    if (p.type === 'keyword_argument' && p.childForFieldName('name')?.text === 'dir') {
      const call = p.parent?.parent;
      if (call?.type === 'call' && TEMPFILE_SAFE.test(ctx.names.resolve(call.childForFieldName('function') ?? call) ?? '')) return false;
    }
    if (p.type === 'call') {
      const callee = calleeText(p);
      if (NOT_A_PATH_USE.has(lastSegment(callee)) || isLogCall(callee, ctx.profile.onex.logFunctions ?? ['emit_log_event'])) return false;
      if (/^(raise|ValueError|RuntimeError|Exception|ModelOnexError)$/.test(callee)) return false;
    }
    if (p.type === 'raise_statement') return false;
  }
  return true;
}
