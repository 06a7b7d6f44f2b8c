// What an expression names, resolved before any security rule matches: names bound by imports
// and aliases (the code's own and the node file's), simple local aliases (`run = os.system`,
// `self.session = requests.Session()`), `getattr(module, "name")`, `__import__("o" + "s")` and
// `importlib.import_module(...)` with constant-folded strings, `sys.modules[...]`, `vars(m)[...]`.
// A value made by a call resolves to the callee plus `()`: `requests.Session().get` is a method of
// a requests session. Unbound names resolve to themselves (a method body validated alone may use
// `os` without its import), with a few conventional aliases (`np`, `pd`, `ET`).
import { memoKey, type SyntaxNode as Node } from '../../parser/mirror/syntax-node.js';
import type { PyImport } from '../../parser/types.js';
import { callArguments, enclosingFunction, isPlainString, memo, stringContent, unwrap } from './nodes.js';

const IMPORTERS = new Set(['__import__', 'importlib.import_module', 'importlib.__import__']);
const PARTIAL = new Set(['functools.partial', 'functools.partialmethod']);
/** names LLM code uses without importing them in a method body (the file imports them this way) */
const CONVENTIONAL: Record<string, string> = { np: 'numpy', pd: 'pandas', ET: 'xml.etree.ElementTree', etree: 'lxml.etree' };
const MAX_DEPTH = 12;
/** what `from M import *` binds, for the modules whose functions security rules look for */
const WILDCARD_EXPORTS: Record<string, string[]> = {
  os: ['system', 'popen', 'chmod', 'fchmod', 'lchmod', 'execl', 'execle', 'execlp', 'execlpe', 'execv', 'execve', 'execvp', 'execvpe', 'spawnl', 'spawnle', 'spawnlp', 'spawnlpe', 'spawnv', 'spawnve', 'spawnvp', 'spawnvpe', 'posix_spawn', 'posix_spawnp'],
  subprocess: ['run', 'Popen', 'call', 'check_call', 'check_output', 'getoutput', 'getstatusoutput'],
  pickle: ['load', 'loads', 'Unpickler'],
  marshal: ['load', 'loads'],
  yaml: ['load', 'load_all', 'unsafe_load', 'full_load', 'Loader', 'FullLoader', 'UnsafeLoader', 'SafeLoader'],
  hashlib: ['md5', 'sha1', 'new'],
  tempfile: ['mktemp', 'gettempdir', 'mkstemp', 'NamedTemporaryFile'],
  ssl: ['CERT_NONE', 'PROTOCOL_SSLv2', 'PROTOCOL_SSLv3', 'PROTOCOL_TLSv1', 'PROTOCOL_TLSv1_1', '_create_unverified_context'],
  random: ['random', 'randint', 'randrange', 'choice', 'choices', 'sample', 'getrandbits', 'randbytes'],
};

export interface NameResolver {
  /** the qualified name an expression refers to ('os.system', 'requests.Session().get'), if any */
  resolve(expr: Node): string | undefined;
  /** the string an expression always evaluates to ('o' + 's' → 'os'), if it is constant */
  constant(expr: Node): string | undefined;
  /** the expression a name or `self.attr` was last assigned in scope (follows simple aliases) */
  definition(expr: Node): Node | undefined;
  /** the `functools.partial(...)` call a callable expression is, through aliases */
  partialCall(expr: Node): Node | undefined;
  /** modules imported anywhere (the code's own and the file's), e.g. 'paramiko' */
  importedModules: ReadonlySet<string>;
}

interface Assignment {
  start: number;
  value: Node;
}

const resolvers = memoKey<Map<number, NameResolver>>('name resolvers');

export function nameResolver(root: Node, imports: readonly PyImport[]): NameResolver {
  return memo(resolvers, root, () => build(root, imports));
}

function build(root: Node, imports: readonly PyImport[]): NameResolver {
  const aliases = new Map<string, string>();
  const importedModules = new Set<string>();
  for (const imp of imports) {
    if (imp.kind === 'from') importedModules.add(imp.module);
    for (const { name, alias } of imp.names) {
      if (imp.kind === 'from') {
        if (name !== '*') aliases.set(alias ?? name, `${imp.module}.${name}`);
        else for (const exported of WILDCARD_EXPORTS[imp.module] ?? []) if (!aliases.has(exported)) aliases.set(exported, `${imp.module}.${exported}`);
      } else {
        importedModules.add(name);
        if (alias) aliases.set(alias, name);
        else aliases.set(name.split('.')[0]!, name.split('.')[0]!);
      }
    }
  }

  // name (or `self.attr`) → assignments, keyed by the enclosing function's start (-1: module/class level)
  const assignments = new Map<string, Assignment[]>();
  const add = (scope: number, name: string, start: number, value: Node) => {
    const key = `${scope}:${name}`;
    const list = assignments.get(key) ?? [];
    list.push({ start, value });
    assignments.set(key, list);
  };
  const scopeOf = (n: Node) => enclosingFunction(n)?.startIndex ?? -1;
  for (const a of root.descendantsOfType('assignment')) {
    const left = a.childForFieldName('left');
    const right = a.childForFieldName('right');
    if (!left || !right || right.type === 'assignment') continue;
    const name = targetName(left);
    if (!name) continue;
    // `self.x = …` is an attribute of the instance: visible from every method of the class
    add(name.startsWith('self.') ? -2 : scopeOf(a), name, a.startIndex, right);
  }
  for (const item of root.descendantsOfType('with_item')) {
    const value = item.childForFieldName('value');
    if (value?.type !== 'as_pattern') continue;
    const source = value.namedChildren[0];
    const alias = value.childForFieldName('alias')?.namedChildren[0];
    const name = alias ? targetName(alias) : undefined;
    if (source && name) add(name.startsWith('self.') ? -2 : scopeOf(item), name, item.startIndex, source);
  }

  const memo = new Map<number, string | null>();
  const visiting = new Set<number>();

  const lookup = (name: string, at: Node): Node | undefined => {
    const fn = name.startsWith('self.') ? undefined : enclosingFunction(at);
    const keys = name.startsWith('self.') ? [`-2:${name}`] : [`${fn?.startIndex ?? -1}:${name}`, `-1:${name}`];
    for (const key of keys) {
      const list = assignments.get(key);
      if (!list?.length) continue;
      // the last assignment before the use; else (a use in a loop or a later method) the first
      let best: Assignment | undefined;
      for (const a of list) if (a.start < at.startIndex && a.value.startIndex !== at.startIndex) best = a;
      return (best ?? list[0]!).value;
    }
    return undefined;
  };

  const isParameter = (name: string, at: Node): Node | undefined => {
    for (let fn = enclosingFunction(at); fn; fn = enclosingFunction(fn)) {
      const params = fn.childForFieldName('parameters');
      for (const p of params?.namedChildren ?? []) {
        const id = p.type === 'identifier' ? p : p.namedChildren.find((c) => c.type === 'identifier') ?? p.childForFieldName('name');
        if (id?.text === name) return p;
      }
    }
    return undefined;
  };

  const resolveName = (name: string, at: Node, depth: number): string | undefined => {
    const def = lookup(name, at);
    if (def) return resolveIn(def, depth + 1) ?? name;
    const param = isParameter(name, at);
    if (param) {
      // `session: requests.Session` — a parameter annotated with a class is an instance of it
      const type = param.childForFieldName('type');
      const t = type?.namedChildren[0];
      if (t && (t.type === 'identifier' || t.type === 'attribute')) {
        const q = resolveIn(t, depth + 1);
        if (q && q.includes('.')) return `${q}()`;
      }
      return name;
    }
    return aliases.get(name) ?? CONVENTIONAL[name] ?? name;
  };

  const resolveIn = (expr: Node, depth: number): string | undefined => {
    if (depth > MAX_DEPTH) return undefined;
    const n = unwrap(expr);
    const hit = memo.get(n.id);
    if (hit !== undefined) return hit ?? undefined;
    if (visiting.has(n.id)) return undefined;
    visiting.add(n.id);
    const value = normalize(compute(n, depth));
    visiting.delete(n.id);
    memo.set(n.id, value ?? null);
    return value;
  };

  const compute = (n: Node, depth: number): string | undefined => {
    switch (n.type) {
      case 'identifier':
        return resolveName(n.text, n, depth);
      case 'attribute': {
        const object = n.childForFieldName('object');
        const attr = n.childForFieldName('attribute')?.text;
        if (!object || !attr) return undefined;
        if (unwrap(object).type === 'identifier' && unwrap(object).text === 'self') {
          const def = lookup(`self.${attr}`, n);
          if (def) return resolveIn(def, depth + 1) ?? `self.${attr}`;
          return `self.${attr}`;
        }
        const base = resolveIn(object, depth + 1);
        return base ? `${base}.${attr}` : undefined;
      }
      case 'call': {
        const fn = n.childForFieldName('function');
        if (!fn) return undefined;
        const callee = resolveIn(fn, depth + 1);
        const args = callArguments(n);
        if (callee && IMPORTERS.has(callee) && args.positional[0]) return constantIn(args.positional[0], depth + 1);
        if (callee === 'getattr' && args.positional[0] && args.positional[1]) {
          const base = resolveIn(args.positional[0], depth + 1);
          const attr = constantIn(args.positional[1], depth + 1);
          return base && attr ? `${base}.${attr}` : undefined;
        }
        if (callee && PARTIAL.has(callee) && args.positional[0]) return resolveIn(args.positional[0], depth + 1);
        if (callee === 'sys.modules.get' && args.positional[0]) return constantIn(args.positional[0], depth + 1);
        const returned = callee ? returnedBy(callee, depth) : undefined;
        if (returned) return returned;
        return callee ? `${callee}()` : undefined;
      }
      case 'subscript': {
        const value = n.childForFieldName('value');
        const index = n.childForFieldName('subscript');
        if (!value || !index) return undefined;
        const key = constantIn(index, depth + 1);
        if (key === undefined) return undefined;
        const v = unwrap(value);
        if (v.type === 'call') {
          const f = resolveIn(v.childForFieldName('function') ?? v, depth + 1);
          const arg = callArguments(v).positional[0];
          if (f === 'vars' && arg) {
            const base = resolveIn(arg, depth + 1);
            return base ? `${base}.${key}` : undefined;
          }
          if (f === 'globals' || f === 'locals') return resolveName(key, n, depth + 1);
        }
        const base = resolveIn(value, depth + 1);
        if (base === 'sys.modules') return key;
        if (base === '__builtins__' || base === 'builtins.__dict__') return key;
        if (base?.endsWith('.__dict__')) return `${base.slice(0, -'.__dict__'.length)}.${key}`;
        return undefined;
      }
      default:
        return undefined;
    }
  };

  // `def build_session() -> requests.Session: ...` (or `return requests.Session()`) defined in this
  // code: calling it makes what it returns
  const functions = new Map<string, Node>();
  for (const fn of root.descendantsOfType('function_definition')) {
    const name = fn.childForFieldName('name')?.text;
    if (name && !functions.has(name)) functions.set(name, fn);
  }
  const returnedBy = (callee: string, depth: number): string | undefined => {
    const name = callee.startsWith('self.') ? callee.slice(5) : callee;
    const fn = name.includes('.') ? undefined : functions.get(name);
    if (!fn) return undefined;
    const annotation = fn.childForFieldName('return_type')?.namedChildren[0] ?? fn.childForFieldName('return_type');
    const a = annotation && ['identifier', 'attribute'].includes(annotation.type) ? resolveIn(annotation, depth + 1) : undefined;
    if (a?.includes('.')) return `${a}()`;
    const returns = fn.descendantsOfType('return_statement').filter((r) => enclosingFunction(r)?.startIndex === fn.startIndex);
    const value = returns.length === 1 ? returns[0]!.namedChildren[0] : undefined;
    const r = value ? resolveIn(value, depth + 1) : undefined;
    return r?.endsWith('()') && r.includes('.') ? r : undefined;
  };

  const constantIn = (expr: Node, depth: number): string | undefined => {
    if (depth > MAX_DEPTH) return undefined;
    const n = unwrap(expr);
    if (isPlainString(n)) return stringContent(n);
    switch (n.type) {
      case 'binary_operator': {
        if (n.childForFieldName('operator')?.type !== '+') return undefined;
        const l = n.childForFieldName('left');
        const r = n.childForFieldName('right');
        const a = l ? constantIn(l, depth + 1) : undefined;
        const b = r ? constantIn(r, depth + 1) : undefined;
        return a !== undefined && b !== undefined ? a + b : undefined;
      }
      case 'identifier': {
        const def = lookup(n.text, n);
        return def ? constantIn(def, depth + 1) : undefined;
      }
      case 'call': {
        const fn = n.childForFieldName('function');
        const args = callArguments(n);
        if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'join' && args.positional[0]) {
          const sep = constantIn(fn.childForFieldName('object')!, depth + 1);
          const items = unwrap(args.positional[0]);
          if (sep === undefined || !['list', 'tuple'].includes(items.type)) return undefined;
          const parts = items.namedChildren.map((c) => constantIn(c, depth + 1));
          return parts.every((p) => p !== undefined) ? parts.join(sep) : undefined;
        }
        if (fn?.type === 'identifier' && fn.text === 'chr' && args.positional[0]?.type === 'integer') {
          return String.fromCharCode(Number(args.positional[0].text));
        }
        if (fn?.type === 'identifier' && fn.text === 'str' && args.positional[0]) return constantIn(args.positional[0], depth + 1);
        return undefined;
      }
      case 'subscript': {
        // 'so'[::-1]
        const value = n.childForFieldName('value');
        const slice = n.childForFieldName('subscript');
        const s = value ? constantIn(value, depth + 1) : undefined;
        if (s !== undefined && slice?.type === 'slice' && slice.text.replace(/\s+/g, '') === '::-1') return [...s].reverse().join('');
        return undefined;
      }
      default:
        return undefined;
    }
  };

  const definition = (expr: Node): Node | undefined => {
    let n = unwrap(expr);
    for (let i = 0; i < MAX_DEPTH; i++) {
      const name = n.type === 'identifier' ? n.text : n.type === 'attribute' ? targetName(n) : undefined;
      if (!name || (n.type === 'attribute' && !name.startsWith('self.'))) return i === 0 ? undefined : n;
      const def = lookup(name, n);
      if (!def) return i === 0 ? undefined : n;
      n = unwrap(def);
    }
    return n;
  };

  const partialCall = (expr: Node): Node | undefined => {
    const n = unwrap(expr);
    const target = n.type === 'call' ? n : definition(n);
    if (!target || target.type !== 'call') return undefined;
    const fn = target.childForFieldName('function');
    const callee = fn ? resolveIn(fn, 0) : undefined;
    return callee && PARTIAL.has(callee) ? target : undefined;
  };

  return {
    resolve: (expr) => resolveIn(expr, 0),
    constant: (expr) => constantIn(expr, 0),
    definition,
    partialCall,
    importedModules,
  };
}

/** `x` for `x = …`, `self.x` for `self.x = …` (other targets are not aliases). */
function targetName(left: Node): string | undefined {
  const t = unwrap(left);
  if (t.type === 'identifier') return t.text;
  if (t.type === 'attribute') {
    const obj = t.childForFieldName('object');
    const attr = t.childForFieldName('attribute');
    if (obj?.type === 'identifier' && obj.text === 'self' && attr) return `self.${attr.text}`;
  }
  return undefined;
}

/** `builtins.eval` and `__builtins__.eval` are `eval`. */
function normalize(q: string | undefined): string | undefined {
  if (!q) return q;
  if (q.startsWith('builtins.')) return q.slice('builtins.'.length);
  if (q.startsWith('__builtins__.')) return q.slice('__builtins__.'.length);
  return q;
}
