// api/call-arity, api/unknown-keyword, api/service-lookup: calls to indexed functions, constructors
// and methods, matched against their signatures. One pass over the calls, shared by the three rules.
import type { ApiFunction, ApiParam } from '../../api-index/schema.js';
import type { ApiScope, Typed } from './api-scope.js';
import type { ClassSymbol } from '../../api-index/api-view.js';
import type { SyntaxNode as Node } from '../../parser/mirror/syntax-node.js';
import { enclosingFunction, isPlainString, unwrap } from '../tree/nodes.js';
import { apiScope } from './api-scope.js';
import { callableParams, matchCall } from './signature.js';
import { type Finding, memoPass, passRule } from './shared-pass.js';

interface Callable {
  /** for messages, e.g. 'ModelONEXContainer.get_service' */
  name: string;
  params: ApiParam[];
}

const findings = memoPass((ctx) => {
  const out: Finding[] = [];
  const scope = apiScope(ctx);
  if (!scope) return out;
  for (const call of ctx.nodes('call')) {
    const target = callableOf(call, scope);
    if (!target) continue;
    out.push(...matchCall(call, target.name, target.params));
    const lookup = serviceLookup(call, target);
    if (lookup) out.push(lookup);
  }
  return out;
});

function isDecorated(fn: ApiFunction, name: string): boolean {
  return !!fn.decorators?.some((d) => d === name || d.endsWith(`.${name}`));
}

/** Calls through a decorator that may change the signature are not checked; property values are not callables. */
function checkable(fn: ApiFunction): boolean {
  return !isDecorated(fn, 'property') && !isDecorated(fn, 'cached_property') && !isDecorated(fn, 'overload');
}

function constructorOf(cls: ClassSymbol, scope: ApiScope): Callable | undefined {
  // the nearest __init__ along the MRO; with an unindexed base (pydantic models, exceptions, …)
  // only the class's own __init__ is certain
  const { classes, closed } = scope.view.mro(cls);
  for (const c of closed ? classes : classes.slice(0, 1)) {
    const init = c.cls.methods?.['__init__'];
    if (init) return checkable(init) ? { name: cls.name, params: callableParams(init, true) } : undefined;
  }
  return undefined;
}

function methodOf(cls: ClassSymbol, name: string, onInstance: boolean, scope: ApiScope): Callable | undefined {
  const found = scope.view.findMethod(cls, name);
  if (!found || !checkable(found.fn)) return undefined;
  const isStatic = isDecorated(found.fn, 'staticmethod');
  const isClassMethod = isDecorated(found.fn, 'classmethod');
  if (!onInstance && !isStatic && !isClassMethod) return undefined; // Class.method(obj, …): rare, not checked
  return { name: `${found.owner.name}.${name}`, params: callableParams(found.fn, !isStatic) };
}

function callableOf(call: Node, scope: ApiScope): Callable | undefined {
  const fn = call.childForFieldName('function');
  if (!fn) return undefined;
  const callee = unwrap(fn);
  if (callee.type === 'attribute') {
    const object = callee.childForFieldName('object');
    const attr = callee.childForFieldName('attribute')?.text;
    if (!object || !attr) return undefined;
    if (isSuperCall(object)) return superMethod(call, attr, scope);
    const t = scope.typeOf(object);
    if (!t) return undefined;
    if (t.kind === 'symbol') {
      if (t.sym.kind === 'module') return symbolCallable(scope.view.member(t.sym.module, attr), scope);
      if (t.sym.kind === 'class') return methodOf(t.sym, attr, false, scope);
      return undefined;
    }
    return instanceMethod(t, attr, scope);
  }
  if (callee.type === 'identifier') {
    const t = scope.typeOf(callee);
    return t?.kind === 'symbol' ? symbolCallable(t.sym, scope) : undefined;
  }
  return undefined;
}

function symbolCallable(sym: ReturnType<ApiScope['view']['member']>, scope: ApiScope): Callable | undefined {
  if (sym?.kind === 'function') return checkable(sym.fn) ? { name: sym.name, params: callableParams(sym.fn, false) } : undefined;
  if (sym?.kind === 'class') return constructorOf(sym, scope);
  return undefined;
}

function instanceMethod(t: Exclude<Typed, { kind: 'symbol' }>, attr: string, scope: ApiScope): Callable | undefined {
  if (t.kind === 'instance') return methodOf(t.cls, attr, true, scope);
  if (t.local.methods.has(attr) || t.local.defined.has(attr)) return undefined; // the class's own method: not indexed
  for (const base of t.local.bases) {
    const m = methodOf(base, attr, true, scope);
    if (m) return m;
  }
  return undefined;
}

function isSuperCall(node: Node): boolean {
  const n = unwrap(node);
  return n.type === 'call' && n.childForFieldName('function')?.text === 'super' && (n.childForFieldName('arguments')?.namedChildCount ?? 0) === 0;
}

/** `super().m(...)` inside a method of a class on indexed bases. */
function superMethod(call: Node, attr: string, scope: ApiScope): Callable | undefined {
  const local = scope.classOf(enclosingFunction(call));
  if (!local) return undefined;
  for (const base of local.bases) {
    if (attr === '__init__') {
      const init = constructorOf(base, scope);
      if (init) return { ...init, name: `${base.name}.__init__` };
      continue;
    }
    const m = methodOf(base, attr, true, scope);
    if (m) return m;
  }
  return undefined;
}

/** A string literal where the parameter takes a type (`get_service(protocol_type: type[T], …)`). */
function serviceLookup(call: Node, target: Callable): Finding | undefined {
  const first = target.params[0];
  if (!first || !/^(type|Type)\[/.test(first.annotation ?? '')) return undefined;
  const args = call.childForFieldName('arguments')?.namedChildren ?? [];
  const passed = args[0]?.type === 'keyword_argument' ? args.find((a) => a.childForFieldName('name')?.text === first.name)?.childForFieldName('value') : args[0];
  if (!passed || !isPlainString(passed)) return undefined;
  return {
    rule: 'api/service-lookup',
    at: passed,
    message:
      `${target.name}(${first.name}, …) takes a protocol type (a class), not the string ${passed.text}: ` +
      `pass the protocol class the service is registered under, and the name second (${target.name.split('.').pop()}(ProtocolX, ${passed.text}))`,
  };
}

export const callArity = passRule('api/call-arity', 'error', 'call to an indexed function, constructor or method with the wrong number of arguments', findings);
export const unknownKeyword = passRule('api/unknown-keyword', 'error', 'keyword argument the indexed signature does not have (and no **kwargs)', findings);
export const serviceLookupRule = passRule('api/service-lookup', 'error', 'a string passed where the API takes a protocol type (container.get_service("name"))', findings);
