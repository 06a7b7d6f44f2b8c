// Hard-coded secrets: a string literal assigned, defaulted, passed, compared or used as an
// environment fallback under a secret's name, and any literal shaped like a provider key.
import type { SyntaxNode as Node } from '../../parser/mirror/syntax-node.js';
import type { Rule, RuleContext } from '../rule.js';
import { boundName, callArguments, calleeText, isPlainString, stringContent } from '../tree/nodes.js';
import { secretMatcher } from './secret-names.js';

const ENV_READERS = new Set(['os.getenv', 'os.environ.get', 'getenv', 'environ.get', 'os.environ.setdefault']);

export const hardcodedSecret: Rule = {
  id: 'security/hardcoded-secret',
  category: 'security',
  severity: 'error',
  summary: 'secret (password, token, API key) written in the code',
  bandit: 'B105,B106,B107',
  cwe: 'CWE-798',
  check(ctx) {
    const secrets = secretMatcher(ctx.profile);
    const reported = new Set<number>();
    const flag = (value: Node, name: string) => {
      if (reported.has(value.startIndex)) return;
      reported.add(value.startIndex);
      ctx.report(value, `"${name}" is a hard-coded secret: read it from the environment or a secret store (os.environ["${name.toUpperCase()}"]) instead of a literal`);
    };
    // Candidate values come from the parser's string list (plain data): a node is only examined
    // further when it starts where a secret-looking literal starts.
    const candidates = new Set(ctx.module.strings.filter((s) => !s.isFString && looksLikeSecretValue(s.value)).map((s) => s.range.startIndex));
    const literal = (n: Node | null | undefined): n is Node =>
      !!n && candidates.has(n.startIndex) && isPlainString(n) && looksLikeSecretValue(stringContent(n));
    if (candidates.size === 0) {
      checkKeyShapes(ctx, reported);
      return;
    }

    for (const a of ctx.nodes('assignment')) {
      const right = a.childForFieldName('right');
      if (!literal(right)) continue;
      const name = boundName(a.childForFieldName('left'));
      if (name && secrets.isSecretName(name)) flag(right, name);
    }
    for (const k of ctx.nodes('keyword_argument')) {
      const value = k.childForFieldName('value');
      if (!literal(value)) continue;
      const name = k.childForFieldName('name')?.text;
      if (name && secrets.isSecretName(name)) flag(value, name);
    }
    for (const type of ['default_parameter', 'typed_default_parameter']) {
      for (const p of ctx.nodes(type)) {
        const value = p.childForFieldName('value');
        if (!literal(value)) continue;
        const name = p.childForFieldName('name')?.text;
        if (name && secrets.isSecretName(name)) flag(value, name);
      }
    }
    for (const pair of ctx.nodes('pair')) {
      const value = pair.childForFieldName('value');
      if (!literal(value)) continue;
      const key = pair.childForFieldName('key');
      if (key && isPlainString(key) && secrets.isSecretName(stringContent(key))) flag(value, stringContent(key));
    }
    for (const cmp of ctx.nodes('comparison_operator')) checkComparison(cmp, secrets.isSecretName, literal, flag);
    for (const call of ctx.nodes('call')) {
      if (!ENV_READERS.has(calleeText(call))) continue;
      const [key, fallback] = callArguments(call).positional;
      if (key && isPlainString(key) && secrets.isSecretName(stringContent(key)) && literal(fallback)) flag(fallback, stringContent(key));
    }
    checkKeyShapes(ctx, reported);
  },
};

function checkComparison(cmp: Node, isSecret: (n: string) => boolean, literal: (n: Node | null | undefined) => n is Node, flag: (v: Node, n: string) => void) {
  const ops = cmp.children.filter((c) => c && !c.isNamed).map((c) => c!.type);
  if (ops.length !== 1 || !['==', '!='].includes(ops[0]!)) return;
  const [left, right] = cmp.namedChildren;
  if (!left || !right) return;
  for (const [a, b] of [[left, right], [right, left]] as const) {
    const name = boundName(a);
    if (name && isSecret(name) && literal(b)) flag(b, name);
  }
}

/** Reads the parser's string list (plain data): no tree access per literal. */
function checkKeyShapes(ctx: RuleContext, reported: Set<number>) {
  const secrets = secretMatcher(ctx.profile);
  for (const s of ctx.module.strings) {
    if (reported.has(s.range.startIndex) || s.isFString) continue;
    const shape = secrets.keyShape(s.value);
    if (!shape) continue;
    reported.add(s.range.startIndex);
    ctx.report(s.range, `string literal looks like a ${shape}: never put keys in code; read it from the environment or a secret store`);
  }
}

/** Empty strings, sentences and obvious placeholders are not secrets. */
export function looksLikeSecretValue(value: string): boolean {
  if (value.length < 3 || /\s/.test(value)) return false;
  if (/^(<[^>]*>|\$\{[^}]*\}|\{[^}]*\}|%\([^)]*\)s|\*+|x+|\.+)$/i.test(value)) return false;
  return true;
}
