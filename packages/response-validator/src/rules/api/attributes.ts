// api/unknown-attribute and api/unknown-enum-member: attributes read on values whose type the
// index knows (a module, an indexed class, an instance of one whose bases are all indexed or known
// — pydantic's BaseModel, whose subclasses' fields are their class-level annotations — `self` of a
// class on such bases), and enum members looked up on indexed enums.
import type { ClassSymbol } from '../../api-index/api-view.js';
import type { SyntaxNode as Node } from '../../parser/mirror/syntax-node.js';
import { closest } from '../onex/closest.js';
import type { RuleContext } from '../rule.js';
import { apiScope, type ApiScope } from './api-scope.js';
import { type Finding, memoPass, passRule } from './shared-pass.js';

const MEMBER_SHAPE = /^[A-Z][A-Z0-9_]*$/;
const DUNDER = /^__\w+__$/;
/** what every object / class / module has */
const ALWAYS = new Set(['__class__', '__dict__', '__doc__', '__module__', '__name__', '__qualname__', '__init__', '__annotations__', '__members__', '__mro__', 'mro']);

function isStoreTarget(attr: Node): boolean {
  const p = attr.parent;
  if (!p) return false;
  if ((p.type === 'assignment' || p.type === 'augmented_assignment') && p.childForFieldName('left')?.id === attr.id) return true;
  if (p.type === 'pattern_list' || p.type === 'tuple_pattern') return isStoreTarget(p);
  return p.type === 'delete_statement';
}

const findings = memoPass((ctx) => {
  const out: Finding[] = [];
  const scope = apiScope(ctx);
  if (scope) for (const attr of ctx.nodes('attribute')) check(attr, scope, ctx, out);
  return out;
});

function check(node: Node, scope: ApiScope, ctx: RuleContext, out: Finding[]): void {
  const object = node.childForFieldName('object');
  const attrNode = node.childForFieldName('attribute');
  const attr = attrNode?.text;
  // dunders are served by the object model, the metaclass or pydantic: not a verdict the index gives
  if (!object || !attr || ALWAYS.has(attr) || DUNDER.test(attr) || isStoreTarget(node)) return;
  const t = scope.typeOf(object);
  if (!t) return;
  const view = scope.view;
  if (t.kind === 'symbol') {
    const sym = t.sym;
    if (sym.kind === 'module') {
      if (!view.member(sym.module, attr)) out.push({ rule: 'api/unknown-attribute', at: node, message: `${sym.module} has no name "${attr}" in ${view.label}${whereDefined(attr, scope)}` });
    } else if (sym.kind === 'class') {
      const names = view.memberNames(sym);
      if (names.has(attr)) return;
      if (view.isEnumClass(sym)) {
        if (!MEMBER_SHAPE.test(attr)) return;
        const replacement = ctx.profile.onex.replacements?.[attr];
        const suggestion = replacement ?? closest(attr, sym.cls.members ?? []);
        out.push({
          rule: 'api/unknown-enum-member',
          at: node,
          message: `${sym.name}.${attr} does not exist (${sym.cls.members!.length} members in ${view.label})${suggestion ? `: use ${sym.name}.${suggestion}` : ''} (the module would fail to import)`,
        });
      } else if (view.mro(sym).closed) unknown(out, node, sym.name, attr, [...names]);
    }
    return;
  }
  if (t.kind === 'instance') {
    if (t.open || view.isEnumClass(t.cls) || !view.mro(t.cls).closed) return;
    const names = view.memberNames(t.cls);
    if (!names.has(attr)) unknown(out, node, `a ${t.cls.name}`, attr, [...names], t.cls);
    return;
  }
  const local = t.local;
  if (!local.closed || local.defined.has(attr)) return;
  const inherited = new Set<string>();
  for (const b of local.bases) for (const n of view.memberNames(b)) inherited.add(n);
  if (!inherited.has(attr)) unknown(out, node, `${local.name} (on ${local.bases.map((b) => b.name).join(', ')})`, attr, [...inherited, ...local.defined]);
}

function unknown(out: Finding[], at: Node, owner: string, attr: string, names: string[], cls?: ClassSymbol): void {
  const suggestion = closest(attr, names.filter((n) => !n.startsWith('_') || attr.startsWith('_')), 3);
  const hint = cls?.name === 'ModelONEXContainer' && attr === 'value' ? ' (ModelContainer holds a value; the ONEX container holds services: get_service(ProtocolX, "name"))' : '';
  out.push({ rule: 'api/unknown-attribute', at, message: `${owner} has no attribute "${attr}"${suggestion ? `: did you mean ${suggestion}?` : ''}${hint}` });
}

function whereDefined(name: string, scope: ApiScope): string {
  const defs = scope.view.definitionsOf(name).slice(0, 3);
  return defs.length ? ` (${name} is defined in ${defs.map((d) => (d.kind === 'external' ? d.origin : d.module)).join(', ')})` : '';
}

export const unknownAttribute = passRule('api/unknown-attribute', 'error', 'attribute read that the indexed module, class or instance does not have', findings);
export const unknownEnumMember = passRule('api/unknown-enum-member', 'error', 'enum member that the indexed enum does not have (fails at import time)', findings);
