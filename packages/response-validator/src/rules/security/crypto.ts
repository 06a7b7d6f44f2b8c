// Weak hashes, non-cryptographic randomness for secrets, JWTs decoded without verification.
import type { SyntaxNode as Node } from '../../parser/mirror/syntax-node.js';
import type { Rule, RuleContext } from '../rule.js';
import type { CallSite } from '../tree/call-sites.js';
import { boundName, enclosingFunction, functionName, isFalse, isPlainString, stringContent, unwrap } from '../tree/nodes.js';
import { oncePerLine } from './once-per-line.js';
import { secretMatcher } from './secret-names.js';

const WEAK = new Set(['md5', 'sha1', 'md4', 'md2', 'sha']);
/** pycryptodome / cryptography spellings of the weak algorithms */
const WEAK_CLASSES = new Map<string, string>([
  ...['Crypto', 'Cryptodome'].flatMap((p) => [
    [`${p}.Hash.MD5.new`, 'md5'], [`${p}.Hash.MD4.new`, 'md4'], [`${p}.Hash.MD2.new`, 'md2'], [`${p}.Hash.SHA.new`, 'sha1'], [`${p}.Hash.SHA1.new`, 'sha1'],
  ] as [string, string][]),
  ['cryptography.hazmat.primitives.hashes.MD5', 'md5'], ['cryptography.hazmat.primitives.hashes.SHA1', 'sha1'],
]);

/** where a digest lands when it only names or deduplicates something (a cache file, an ETag) */
const NOT_SECURITY = /(^|_)(cache|etag|checksum|fingerprint|filename|file_name|name|dedup|shard|bucket|content_hash|cache_key)($|_)/i;

export const weakHash: Rule = {
  id: 'security/weak-hash',
  category: 'security',
  severity: 'error',
  summary: 'MD5/SHA-1 used where security matters',
  bandit: 'B303,B324',
  cwe: 'CWE-327',
  check(ctx) {
    const once = oncePerLine(ctx);
    for (const site of ctx.sites()) {
      if (site.via === 'reference') continue; // hmac.new(key, msg, hashlib.md5) is HMAC, not a bare digest
      const callee = site.callee;
      let algo: string | undefined = WEAK_CLASSES.get(callee);
      if (callee.startsWith('hashlib.') && WEAK.has(callee.slice(8))) algo = callee.slice(8);
      else if (callee === 'hashlib.new') {
        const name = site.positional[0] ?? site.keywords.get('name');
        const value = name ? ctx.names.constant(name)?.toLowerCase().replace(/[-_]/g, '') : undefined;
        if (value && WEAK.has(value)) algo = value;
      }
      if (!algo || isFalse(site.keywords.get('usedforsecurity')) || NOT_SECURITY.test(destination(site.node) ?? '')) continue;
      once(site.node, `${algo} is broken for security use: use hashlib.sha256 (or hmac/bcrypt/argon2 for passwords); if it is only a checksum, pass usedforsecurity=False`);
    }
  },
};

const RANDOM_FUNCTIONS = new Set(['random', 'randint', 'randrange', 'choice', 'choices', 'sample', 'getrandbits', 'shuffle', 'uniform', 'randbytes', 'rand', 'integers', 'bytes']);
const SECRET_CONTEXT = ['nonce', 'salt', 'otp', 'pin', 'session_id', 'session_key', 'verification_code', 'reset_code', 'csrf', 'invite_code', 'one_time_code', 'passcode', 'auth_code', 'confirmation_code', 'activation_code', 'magic_link', 'recovery_code', 'mfa_code', 'login_code', 'code_verifier', 'state_token'];

/** `random.choice` / `random.Random().choice` / `numpy.random.randint`: not `random.SystemRandom().choice`. */
function isPredictable(callee: string): boolean {
  const parts = callee.split('.');
  const fn = parts.pop() ?? '';
  if (!RANDOM_FUNCTIONS.has(fn)) return false;
  const owner = parts.join('.');
  return owner === 'random' || owner === 'random.Random()' || owner === 'numpy.random' || owner === 'numpy.random.default_rng()';
}

export const insecureRandom: Rule = {
  id: 'security/insecure-random',
  category: 'security',
  severity: 'error',
  summary: 'random module used to make tokens, passwords, keys or one-time codes',
  bandit: 'B311',
  cwe: 'CWE-330',
  check(ctx) {
    const secrets = secretMatcher(ctx.profile);
    const isSecretish = (name: string | undefined) =>
      !!name && (secrets.isSecretName(name) || SECRET_CONTEXT.some((w) => new RegExp(`(^|_)${w}($|_)`).test(name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase())));
    const once = oncePerLine(ctx);
    for (const site of ctx.sites()) {
      if (site.via === 'reference' || !isPredictable(site.callee)) continue;
      const target = destination(site.node);
      const named = isSecretish(target) ? target : returnedFrom(site.node, target, isSecretish);
      if (named) {
        once(site.node, `${site.callee}() is predictable; "${named}" needs the secrets module (secrets.token_urlsafe(), secrets.token_hex(), secrets.choice())`);
      }
    }
  },
};

/** The name the call's value ends up in: assignment target, keyword, dict key, or the function it is returned from. */
function destination(call: Node): string | undefined {
  for (let p: Node | null = call.parent; p; p = p.parent) {
    if (p.type === 'assignment' || p.type === 'augmented_assignment') return boundName(p.childForFieldName('left'));
    if (p.type === 'keyword_argument') return p.childForFieldName('name')?.text;
    if (p.type === 'pair') {
      const key = p.childForFieldName('key');
      return key && isPlainString(key) ? stringContent(key) : undefined;
    }
    if (p.type === 'return_statement') {
      const fn = enclosingFunction(p);
      return fn ? functionName(fn) : undefined;
    }
    if (p.type.endsWith('statement') || p.type === 'block') return undefined;
  }
  return undefined;
}

/** `code = random.randint(...)` … `return code` inside `def make_reset_code()`: the function names the value. */
function returnedFrom(call: Node, variable: string | undefined, isSecretish: (n: string | undefined) => boolean): string | undefined {
  const fn = enclosingFunction(call);
  if (!fn || !variable || !isSecretish(functionName(fn))) return undefined;
  const returns = fn.descendantsOfType('return_statement');
  const mentions = returns.some((r) => r.descendantsOfType('identifier').some((id) => id.text === variable));
  return mentions ? functionName(fn) : undefined;
}

const JWT_DECODERS = new Set([
  'jwt.decode', 'jwt.decode_complete', 'jwt.api_jwt.decode', 'jwt.api_jwt.decode_complete', 'jwt.PyJWT().decode', 'jwt.PyJWT().decode_complete',
  'jwt.api_jws.decode', 'jwt.PyJWS().decode', 'jose.jwt.decode', 'jose.jws.verify',
]);
const UNVERIFIED_READERS = new Set(['jose.jwt.get_unverified_claims', 'jose.jws.get_unverified_claims']);
/** turning either off accepts forged or expired tokens */
const OPTION_KEYS = new Set(['verify_signature', 'verify_exp']);

export const jwtWithoutVerification: Rule = {
  id: 'security/jwt-without-verification',
  category: 'security',
  severity: 'error',
  summary: 'JWT decoded without verifying its signature (PyJWT, python-jose, authlib)',
  bandit: 'none (no Bandit rule)',
  cwe: 'CWE-347',
  check(ctx) {
    const once = oncePerLine(ctx);
    const message = 'JWT signature verification is disabled: pass the key and algorithms=["RS256"/"HS256"] and keep verify_signature on';
    for (const site of ctx.sites()) {
      const callee = site.callee;
      if (UNVERIFIED_READERS.has(callee)) {
        once(site.node, `${callee}() returns claims nobody verified: use jwt.decode(token, key, algorithms=[...]) and read the verified claims`);
        continue;
      }
      // PyJWT / python-jose encoders and authlib's JsonWebToken accepting the `none` algorithm
      if (['jwt.encode', 'jose.jwt.encode'].includes(callee) && noneAlgorithm(ctx, site.keywords.get('algorithm'))) {
        once(site.node, 'a JWT signed with the "none" algorithm has no signature: sign with HS256/RS256');
        continue;
      }
      if (/^authlib\.jose\.(JsonWebToken|JsonWebSignature)$/.test(callee) && noneAlgorithm(ctx, site.positional[0] ?? site.keywords.get('algorithms'))) {
        once(site.node, `${callee} accepting the "none" algorithm verifies nothing: list only real algorithms`);
        continue;
      }
      // authlib verifies the signature in decode() but the claims (exp, nbf, iss) only in claims.validate()
      if (callee === 'authlib.jose.jwt.decode' && site.via === 'call' && !validatedLater(site.call)) {
        once(site.node, 'authlib jwt.decode() checks only the signature: call claims.validate() so expired or foreign tokens are refused');
        continue;
      }
      if (!JWT_DECODERS.has(callee)) continue;
      if (disablesVerification(ctx, site)) once(site.node, message);
    }
  },
};

/** `claims = jwt.decode(...)` followed by `claims.validate()` in the same function. */
function validatedLater(call: Node): boolean {
  let p = call.parent;
  while (p && (p.type === 'parenthesized_expression' || p.type === 'await')) p = p.parent;
  if (p?.type !== 'assignment') return false;
  const name = p.childForFieldName('left')?.text;
  const scope = enclosingFunction(call) ?? call.tree.rootNode;
  return scope.descendantsOfType('call').some((c) => c.startIndex > call.startIndex && c.childForFieldName('function')?.text === `${name}.validate`);
}

function disablesVerification(ctx: RuleContext, site: CallSite): boolean {
  const verify = site.keywords.get('verify') ?? (site.callee.startsWith('jwt.') ? site.positional[2] : undefined);
  if (verify && isFalse(verify)) return true;
  const options = site.keywords.get('options');
  if (options && optionDisables(ctx, options)) return true;
  return noneAlgorithm(ctx, site.keywords.get('algorithms') ?? site.keywords.get('algorithm'));
}

/** `{"verify_signature": False}`, `dict(verify_signature=False)`, or a variable holding one. */
function optionDisables(ctx: RuleContext, options: Node): boolean {
  const n = unwrap(ctx.names.definition(options) ?? options);
  if (n.type === 'dictionary') {
    return n.namedChildren.some((pair) => {
      if (pair.type !== 'pair') return false;
      const k = pair.childForFieldName('key');
      const v = pair.childForFieldName('value');
      return !!k && !!v && OPTION_KEYS.has(ctx.names.constant(k) ?? '') && isFalse(v);
    });
  }
  if (n.type === 'call' && ctx.names.resolve(n.childForFieldName('function') ?? n) === 'dict') {
    const args = n.childForFieldName('arguments');
    return (args?.namedChildren ?? []).some((k) => k.type === 'keyword_argument' && OPTION_KEYS.has(k.childForFieldName('name')?.text ?? '') && isFalse(k.childForFieldName('value') ?? undefined));
  }
  return false;
}

function noneAlgorithm(ctx: RuleContext, algorithms: Node | undefined): boolean {
  if (!algorithms) return false;
  const n = unwrap(ctx.names.definition(algorithms) ?? algorithms);
  const values = n.type === 'list' || n.type === 'tuple' || n.type === 'set' ? n.namedChildren : [n];
  return values.some((v) => (ctx.names.constant(v) ?? '').toLowerCase() === 'none');
}
