// What names in the checked code refer to in the API index: names bound by imports (the code's
// own, the node file's, or the profile's assumed imports for a method body), classes the code
// defines on indexed bases, and the types of values we can know without inference: a parameter
// annotated with an indexed class, `self` of a class on an indexed base, `self.container` where
// the base's `__init__` takes `container: ModelONEXContainer`. Built once per tree, shared by the
// api/* rules.
import type { ApiIndexView, ApiSymbol, ClassSymbol } from '../../api-index/api-view.js';
import { memoKey, type SyntaxNode as Node } from '../../parser/mirror/syntax-node.js';
import type { PyImport } from '../../parser/types.js';
import { nodeTypeFacts } from '@onexgen/onex';
import type { RuleContext } from '../rule.js';
import { enclosingFunction, memo, unwrap } from '../tree/nodes.js';

/** A class defined in the checked code. */
export interface LocalClass {
  name: string;
  node: Node;
  /** methods, class-body assignments and `self.x = …` anywhere in the class */
  defined: Set<string>;
  methods: Map<string, Node>;
  /** the indexed bases (their MROs hold the inherited members) */
  bases: ClassSymbol[];
  /** every base is indexed and each indexed MRO is closed: a missing attribute is really missing */
  closed: boolean;
}

export type Typed =
  | { kind: 'symbol'; sym: ApiSymbol }
  /** an instance of an indexed class; `open`: maybe a subclass that adds members (unknown attributes not reported) */
  | { kind: 'instance'; cls: ClassSymbol; open: boolean }
  | { kind: 'local-instance'; local: LocalClass };

export interface ApiScope {
  view: ApiIndexView;
  /** local name → what the import binding it refers to */
  imports: Map<string, ApiSymbol>;
  localClasses: Map<string, LocalClass>;
  typeOf(expr: Node): Typed | undefined;
  /** the local class whose method encloses the node */
  classOf(fn: Node | undefined): LocalClass | undefined;
}

const scopes = memoKey<Map<number, ApiScope | null>>('api scopes');

export function apiScope(ctx: RuleContext): ApiScope | undefined {
  return (
    memo(scopes, ctx.root, () => {
      const view = ctx.api();
      return view ? build(ctx, view) : null;
    }) ?? undefined
  );
}

function bindImports(view: ApiIndexView, imports: readonly PyImport[], into: Map<string, ApiSymbol>): void {
  for (const imp of imports) {
    if (imp.kind === 'from') {
      if (!view.inPackage(imp.module)) continue;
      for (const { name, alias } of imp.names) {
        if (name === '*') continue;
        const sym = view.member(imp.module, name);
        if (sym) into.set(alias ?? name, sym);
      }
    } else {
      for (const { name, alias } of imp.names) {
        if (!view.inPackage(name)) continue;
        if (alias) {
          const sym = view.resolveDotted(name);
          if (sym) into.set(alias, sym);
        } else if (view.module(view.package)) into.set(view.package, { kind: 'module', module: view.package });
      }
    }
  }
}

function build(ctx: RuleContext, view: ApiIndexView): ApiScope {
  const imports = new Map<string, ApiSymbol>();
  bindImports(view, ctx.fileImports, imports);
  bindImports(view, ctx.module.imports, imports);
  const resolveName = (name: string) => imports.get(name);

  const localClasses = new Map<string, LocalClass>();
  for (const node of ctx.nodes('class_definition')) {
    if (node.parent?.type !== 'module' && node.parent?.parent?.type !== 'module') continue; // top-level (decorated or not)
    const name = node.childForFieldName('name')?.text;
    if (name) localClasses.set(name, localClass(node, name, view, resolveName));
  }

  const fragmentBase = ctx.wrapper ? fragmentSelfClass(ctx, view, resolveName) : undefined;
  const entryParam = ctx.wrapper ? fragmentEntryParam(ctx, view) : undefined;
  // per-scope caches (the scope itself is cached on the tree and dies with it)
  const paramTypes = new Map<Node, Map<string, ClassSymbol | null>>();
  const assignedIn = new Map<Node, Set<string>>();

  const classOf = (fn: Node | undefined): LocalClass | undefined => {
    const cls = fn?.parent?.parent; // function_definition → block → class_definition
    const def = cls?.type === 'class_definition' ? cls : fn?.parent?.type === 'decorated_definition' ? fn.parent.parent?.parent : undefined;
    if (def?.type !== 'class_definition') return undefined;
    const name = def.childForFieldName('name')?.text;
    const local = name ? localClasses.get(name) : undefined;
    return local?.node === def ? local : undefined;
  };

  const typeOfName = (id: Node): Typed | undefined => {
    const name = id.text;
    const fn = enclosingFunction(id);
    if (fn) {
      const params = paramsOf(fn, view, resolveName, paramTypes);
      if (params.has(name)) {
        const cls = params.get(name);
        if (cls) return { kind: 'instance', cls, open: false };
        if (name === 'self' && firstParam(fn) === 'self') {
          const local = classOf(fn);
          if (local) return { kind: 'local-instance', local };
          if (fragmentBase && ctx.isWrapper(fn)) return { kind: 'instance', cls: fragmentBase, open: true };
        }
        return undefined;
      }
      if (assignedNames(fn, assignedIn).has(name)) return undefined;
      if (entryParam && name === entryParam.name && ctx.isWrapper(fn)) return { kind: 'instance', cls: entryParam.cls, open: false };
    }
    const sym = imports.get(name);
    return sym ? { kind: 'symbol', sym } : undefined;
  };

  const typeOf = (expr: Node): Typed | undefined => {
    const node = unwrap(expr);
    if (node.type === 'identifier') return typeOfName(node);
    if (node.type !== 'attribute') return undefined;
    const object = node.childForFieldName('object');
    const attr = node.childForFieldName('attribute')?.text;
    if (!object || !attr) return undefined;
    const base = typeOf(object);
    if (!base) return undefined;
    if (base.kind === 'symbol') {
      const sym = base.sym.kind === 'module' ? view.member(base.sym.module, attr) : undefined;
      return sym ? { kind: 'symbol', sym } : undefined;
    }
    const classes = base.kind === 'instance' ? [base.cls] : base.local.bases;
    for (const c of classes) {
      const t = view.attributeClass(c, attr);
      if (t) return { kind: 'instance', cls: t, open: false };
    }
    return undefined;
  };

  return { view, imports, localClasses, typeOf, classOf };
}

function firstParam(fn: Node): string | undefined {
  const params = fn.childForFieldName('parameters');
  const first = params?.namedChildren[0];
  return first?.type === 'identifier' ? first.text : undefined;
}

/** `self` of a method body validated alone: an instance of the node type's base class (@onexgen/onex facts). */
function fragmentSelfClass(ctx: RuleContext, view: ApiIndexView, resolveName: (n: string) => ApiSymbol | undefined): ClassSymbol | undefined {
  const nodeType = ctx.context.nodeType;
  if (!nodeType) return undefined;
  const facts = nodeTypeFacts(nodeType);
  const sym = view.resolveDotted(`${facts.baseModule}.${facts.baseClass}`) ?? resolveName(facts.baseClass);
  return sym?.kind === 'class' ? sym : undefined;
}

/**
 * The entry method's parameter in a body validated alone (`input_data` of a compute node's
 * `process`): the wrapper does not declare it, the runtime passes an instance of the class the
 * node type's facts name (ModelComputeInput, …). Only for the entry method itself.
 */
function fragmentEntryParam(ctx: RuleContext, view: ApiIndexView): { name: string; cls: ClassSymbol } | undefined {
  const nodeType = ctx.context.nodeType;
  if (!nodeType) return undefined;
  const facts = nodeTypeFacts(nodeType);
  if (ctx.context.methodName !== facts.entryMethod) return undefined;
  const sym = view.resolveDotted(`${facts.entryParam.module}.${facts.entryParam.class.split('[')[0]!.trim()}`);
  return sym?.kind === 'class' ? { name: facts.entryParam.name, cls: sym } : undefined;
}

function localClass(node: Node, name: string, view: ApiIndexView, resolveName: (n: string) => ApiSymbol | undefined): LocalClass {
  const defined = new Set<string>();
  const methods = new Map<string, Node>();
  const body = node.childForFieldName('body');
  for (const st of body?.namedChildren ?? []) {
    const def = st.type === 'decorated_definition' ? st.childForFieldName('definition') : st;
    if (def?.type === 'function_definition' || def?.type === 'class_definition') {
      const n = def.childForFieldName('name')?.text;
      if (n) {
        defined.add(n);
        if (def.type === 'function_definition') methods.set(n, def);
      }
    } else if (st.type === 'expression_statement') {
      for (const a of st.namedChildren) {
        const left = a.type === 'assignment' ? a.childForFieldName('left') : undefined;
        if (left?.type === 'identifier') defined.add(left.text);
      }
    }
  }
  for (const a of body?.descendantsOfType(['assignment', 'augmented_assignment']) ?? []) {
    const left = a.childForFieldName('left');
    for (const target of left?.type === 'pattern_list' || left?.type === 'tuple_pattern' ? left.namedChildren : left ? [left] : []) {
      if (target.type === 'attribute' && target.childForFieldName('object')?.text === 'self') {
        const attr = target.childForFieldName('attribute')?.text;
        if (attr) defined.add(attr);
      }
    }
  }
  const bases: ClassSymbol[] = [];
  let closed = true;
  const superclasses = node.childForFieldName('superclasses');
  for (const b of superclasses?.namedChildren ?? []) {
    if (b.type === 'keyword_argument') continue;
    const text = b.text.split('[')[0]!.trim();
    if (text === 'object') continue;
    const [head, ...rest] = text.split('.');
    let sym = resolveName(head!);
    for (const part of rest) sym = sym?.kind === 'module' ? view.member(sym.module, part) : undefined;
    if (sym?.kind === 'class') {
      bases.push(sym);
      if (!view.mro(sym).closed) closed = false;
    } else closed = false;
  }
  return { name, node, defined, methods, bases, closed: closed && bases.length > 0 };
}

function paramsOf(
  fn: Node,
  view: ApiIndexView,
  resolveName: (n: string) => ApiSymbol | undefined,
  cache: Map<Node, Map<string, ClassSymbol | null>>,
): Map<string, ClassSymbol | null> {
  let hit = cache.get(fn);
  if (hit) return hit;
  hit = new Map();
  for (const p of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    const nameNode = p.type === 'identifier' ? p : p.childForFieldName('name') ?? p.namedChildren.find((c) => c.type === 'identifier');
    if (!nameNode || nameNode.type !== 'identifier') continue;
    const annotation = p.childForFieldName('type')?.text;
    hit.set(nameNode.text, view.annotationClass(annotation, resolveName) ?? null);
  }
  cache.set(fn, hit);
  return hit;
}

/** Names assigned anywhere in the function (a parameter rebound or a local shadowing an import). */
function assignedNames(fn: Node, cache: Map<Node, Set<string>>): Set<string> {
  let hit = cache.get(fn);
  if (hit) return hit;
  hit = new Set();
  const body = fn.childForFieldName('body');
  for (const a of body?.descendantsOfType(['assignment', 'augmented_assignment', 'for_statement', 'with_item', 'as_pattern', 'named_expression']) ?? []) {
    const target = a.childForFieldName('left') ?? a.childForFieldName('alias') ?? a.childForFieldName('name') ?? a.childForFieldName('value');
    const collect = (t: Node | null | undefined): void => {
      if (!t) return;
      if (t.type === 'identifier') hit!.add(t.text);
      else if (['pattern_list', 'tuple_pattern', 'list_pattern', 'as_pattern_target'].includes(t.type)) t.namedChildren.forEach(collect);
    };
    collect(a.type === 'with_item' ? a.childForFieldName('value')?.childForFieldName('alias') : target);
  }
  for (const g of body?.descendantsOfType(['import_statement', 'import_from_statement']) ?? []) {
    for (const n of g.descendantsOfType(['dotted_name', 'identifier'])) if (n.parent?.type !== 'dotted_name') hit.add(n.text.split('.')[0]!);
  }
  cache.set(fn, hit);
  return hit;
}
