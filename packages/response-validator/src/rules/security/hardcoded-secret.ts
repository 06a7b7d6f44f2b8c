// Hard-coded secrets: a string literal assigned, defaulted, passed, compared or used as an
// environment fallback under a secret's name, and any literal shaped like a provider key.
import type { Node } from 'web-tree-sitter';
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
    const literal = (n: Node | null | undefined): n is Node => !!n && isPlainString(n) && looksLikeSecretValue(stringContent(n));

    for (const a of ctx.nodes('assignment')) {
      const name = boundName(a.childForFieldName('left'));
      const right = a.childForFieldName('right');
      if (name && secrets.isSecretName(name) && literal(right)) flag(right, name);
    }
    for (const k of ctx.nodes('keyword_argument')) {
      const name = k.childForFieldName('name')?.text;
      const value = k.childForFieldName('value');
      if (name && secrets.isSecretName(name) && literal(value)) flag(value, name);
    }
    for (const type of ['default_parameter', 'typed_default_parameter']) {
      for (const p of ctx.nodes(type)) {
        const name = p.childForFieldName('name')?.text;
        const value = p.childForFieldName('value');
        if (name && secrets.isSecretName(name) && literal(value)) flag(value, name);
      }
    }
    for (const pair of ctx.nodes('pair')) {
      const key = pair.childForFieldName('key');
      const value = pair.childForFieldName('value');
      if (key && isPlainString(key) && secrets.isSecretName(stringContent(key)) && literal(value)) flag(value, stringContent(key));
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
