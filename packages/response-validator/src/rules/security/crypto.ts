// Weak hashes, non-cryptographic randomness for secrets, JWTs decoded without verification.
import type { SyntaxNode as Node } from '../../parser/mirror/syntax-node.js';
import type { Rule } from '../rule.js';
import { boundName, callArguments, calleeText, enclosingFunction, functionName, isFalse, isPlainString, stringContent, unwrap } from '../tree/nodes.js';
import { secretMatcher } from './secret-names.js';

const WEAK = new Set(['md5', 'sha1', 'md4', 'md2']);

export const weakHash: Rule = {
  id: 'security/weak-hash',
  category: 'security',
  severity: 'error',
  summary: 'MD5/SHA-1 used where security matters',
  bandit: 'B324',
  cwe: 'CWE-327',
  check(ctx) {
    for (const call of ctx.nodes('call')) {
      const callee = ctx.qualify(calleeText(call));
      const args = callArguments(call);
      let algo: string | undefined;
      if (callee.startsWith('hashlib.') && WEAK.has(callee.slice(8))) algo = callee.slice(8);
      else if (callee === 'hashlib.new' && args.positional[0] && isPlainString(args.positional[0])) {
        const name = stringContent(args.positional[0]).toLowerCase();
        if (WEAK.has(name)) algo = name;
      }
      if (!algo || isFalse(args.keywords.get('usedforsecurity'))) continue;
      ctx.report(call, `${algo} is broken for security use: use hashlib.sha256 (or hmac/bcrypt/argon2 for passwords); if it is only a checksum, pass usedforsecurity=False`);
    }
  },
};

const RANDOM_FUNCTIONS = new Set(['random', 'randint', 'randrange', 'choice', 'choices', 'sample', 'getrandbits', 'shuffle', 'uniform', 'randbytes']);
const SECRET_CONTEXT = ['nonce', 'salt', 'otp', 'pin', 'session_id', 'session_key', 'verification_code', 'reset_code', 'csrf', 'invite_code', 'one_time_code'];

export const insecureRandom: Rule = {
  id: 'security/insecure-random',
  category: 'security',
  severity: 'error',
  summary: 'random module used to make tokens, passwords or keys',
  bandit: 'B311',
  cwe: 'CWE-330',
  check(ctx) {
    const secrets = secretMatcher(ctx.profile);
    const isSecretish = (name: string | undefined) =>
      !!name && (secrets.isSecretName(name) || SECRET_CONTEXT.some((w) => new RegExp(`(^|_)${w}($|_)`).test(name.toLowerCase())));
    for (const call of ctx.nodes('call')) {
      const callee = ctx.qualify(calleeText(call));
      if (!callee.startsWith('random.') || !RANDOM_FUNCTIONS.has(callee.slice(7))) continue;
      const target = destination(call);
      if (isSecretish(target)) {
        ctx.report(call, `${callee}() is predictable; "${target}" needs the secrets module (secrets.token_urlsafe(), secrets.token_hex(), secrets.choice())`);
      }
    }
  },
};

/** The name the call's value ends up in: assignment target, keyword, or the function it is returned from. */
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

export const jwtWithoutVerification: Rule = {
  id: 'security/jwt-without-verification',
  category: 'security',
  severity: 'error',
  summary: 'JWT decoded without verifying its signature',
  bandit: 'none (no Bandit rule)',
  cwe: 'CWE-347',
  check(ctx) {
    for (const call of ctx.nodes('call')) {
      const callee = ctx.qualify(calleeText(call));
      if (callee !== 'jwt.decode' && callee !== 'jose.jwt.decode' && callee !== 'jwt.api_jwt.decode') continue;
      const args = callArguments(call);
      const options = args.keywords.get('options');
      const disabled =
        isFalse(args.keywords.get('verify')) ||
        (options && unwrap(options).type === 'dictionary' && hasFalseEntry(unwrap(options), 'verify_signature')) ||
        algorithmsIncludeNone(args.keywords.get('algorithms'));
      if (disabled) {
        ctx.report(call, 'JWT signature verification is disabled: pass the key and algorithms=["RS256"/"HS256"] and keep verify_signature on');
      }
    }
  },
};

function hasFalseEntry(dict: Node, key: string): boolean {
  return dict.namedChildren.some((pair) => {
    if (pair?.type !== 'pair') return false;
    const k = pair.childForFieldName('key');
    return !!k && isPlainString(k) && stringContent(k) === key && isFalse(pair.childForFieldName('value') ?? undefined);
  });
}

function algorithmsIncludeNone(algorithms: Node | undefined): boolean {
  if (!algorithms) return false;
  return algorithms.descendantsOfType('string').some((s) => !!s && stringContent(s).toLowerCase() === 'none');
}
