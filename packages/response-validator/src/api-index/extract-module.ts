// One Python source file → its entry in the API index: functions, classes (bases, methods,
// attributes, member candidates), module-level names, `from … import` re-exports (relative imports
// resolved) and the names a module-level `__getattr__` serves. Reads the parser's plain-JS tree.
import type { SyntaxNode as Node } from '../parser/mirror/syntax-node.js';
import type { ParsedModule, PyFunction } from '../parser/types.js';
import { apiParam } from './param-kind.js';
import type { ApiFunction, ApiModule } from './schema.js';

/** A class before enums are told apart (that needs the bases of classes in other modules). */
export interface RawClass {
  bases: string[];
  methods: Record<string, ApiFunction>;
  attributes: string[];
  /** `NAME = value` in the class body: members if the class turns out to be an enum */
  assigned: string[];
  /** a pydantic config's `extra`, when the class sets one as a literal (see ApiClass.extra) */
  extra?: 'allow' | 'ignore' | 'forbid';
}

export interface RawModule extends Omit<ApiModule, 'classes'> {
  classes: Record<string, RawClass>;
}

function apiFunction(fn: PyFunction): ApiFunction {
  return {
    async: fn.isAsync,
    decorators: fn.decorators,
    params: fn.params.map(apiParam),
    returns: fn.returnAnnotation ?? null,
  };
}

/**
 * @param moduleName dotted name of this module
 * @param isPackage the file is a package's `__init__.py` (relative imports start from the module itself)
 */
export function extractModule(root: Node, parsed: ParsedModule, moduleName: string, isPackage: boolean): RawModule {
  const functions: Record<string, ApiFunction> = {};
  const classes: Record<string, RawClass> = {};
  const reexports: Record<string, string> = {};
  const names = new Set<string>();
  const dictKeys = new Map<string, string[]>();

  for (const fn of parsed.functions) {
    if (!fn.qualifiedName.includes('.')) functions[fn.name] = apiFunction(fn);
  }
  for (const cls of parsed.classes) {
    if ((cls.qualifiedName ?? cls.name).includes('.')) continue;
    classes[cls.name] = { bases: cls.bases, methods: {}, attributes: [], assigned: [] };
  }
  for (const fn of parsed.functions) {
    const dot = fn.qualifiedName.indexOf('.');
    if (dot < 0 || fn.qualifiedName.indexOf('.', dot + 1) >= 0) continue;
    const owner = classes[fn.qualifiedName.slice(0, dot)];
    if (owner && fn.className) owner.methods[fn.name] = apiFunction(fn);
  }

  const packageParts = moduleName.split('.');
  if (!isPackage) packageParts.pop();
  const visit = (statements: readonly Node[]): void => {
    for (const st of statements) {
      switch (st.type) {
        case 'import_from_statement':
          readFromImport(st, packageParts, reexports);
          break;
        case 'expression_statement':
          for (const a of st.namedChildren) if (a.type === 'assignment') readAssignment(a, names, dictKeys);
          break;
        case 'type_alias_statement': {
          const left = st.childForFieldName('left');
          if (left) names.add(left.text.split('[')[0]!.trim());
          break;
        }
        case 'class_definition':
        case 'decorated_definition': {
          const def = st.type === 'decorated_definition' ? st.childForFieldName('definition') : st;
          if (def?.type === 'class_definition') readClassBody(def, classes[def.childForFieldName('name')?.text ?? '']);
          break;
        }
        case 'if_statement':
        case 'try_statement':
        case 'with_statement':
          // `if TYPE_CHECKING:`, `try: import … except ImportError:` — names bound on any branch
          visit(blocksOf(st).flatMap((b) => b.namedChildren));
          break;
      }
    }
  };
  visit(root.namedChildren);

  for (const n of [...Object.keys(functions), ...Object.keys(classes), ...Object.keys(reexports)]) names.delete(n);
  const getattr = parsed.functions.find((f) => f.qualifiedName === '__getattr__');
  const lazy = getattr ? lazyNames(root, getattr, dictKeys) : [];
  return { functions, classes, names: [...names].sort(), reexports, lazy };
}

function blocksOf(st: Node): Node[] {
  const out: Node[] = [];
  for (const c of st.namedChildren) {
    if (c.type === 'block') out.push(c);
    else if (['else_clause', 'elif_clause', 'except_clause', 'finally_clause', 'except_group_clause'].includes(c.type)) out.push(...blocksOf(c));
  }
  return out;
}

/** `from .x import A as B` in package a.b → reexports.B = 'a.b.x.A'. Wildcards are not recorded. */
function readFromImport(st: Node, packageParts: string[], out: Record<string, string>): void {
  const moduleNode = st.childForFieldName('module_name');
  if (!moduleNode) return;
  let origin: string;
  if (moduleNode.type === 'relative_import') {
    const text = moduleNode.text.replace(/\s+/g, '');
    const dots = /^\.+/.exec(text)![0].length;
    const base = packageParts.slice(0, packageParts.length - (dots - 1));
    const rest = text.slice(dots);
    origin = [...base, ...(rest ? [rest] : [])].join('.');
  } else origin = moduleNode.text.replace(/\s+/g, '');
  for (const n of st.childrenForFieldName('name')) {
    if (n.type === 'aliased_import') {
      const name = n.childForFieldName('name')?.text.replace(/\s+/g, '');
      const alias = n.childForFieldName('alias')?.text;
      if (name && alias) out[alias] = `${origin}.${name}`;
    } else if (n.type === 'dotted_name') out[n.text] = `${origin}.${n.text}`;
  }
}

function readAssignment(a: Node, names: Set<string>, dictKeys: Map<string, string[]>): void {
  const left = a.childForFieldName('left');
  if (!left) return;
  for (const id of targetNames(left)) names.add(id);
  // chained `a = b = 1`: the right side is another assignment
  const right = a.childForFieldName('right');
  if (right?.type === 'assignment') readAssignment(right, names, dictKeys);
  else if (right?.type === 'dictionary' && left.type === 'identifier') dictKeys.set(left.text, stringKeys(right));
}

function targetNames(target: Node): string[] {
  if (target.type === 'identifier') return [target.text];
  if (['pattern_list', 'tuple_pattern', 'list_pattern', 'expression_list', 'tuple', 'list'].includes(target.type)) {
    return target.namedChildren.flatMap((c) => targetNames(c));
  }
  return [];
}

function stringKeys(dict: Node): string[] {
  return dict.namedChildren.flatMap((pair) => {
    const key = pair.type === 'pair' ? pair.childForFieldName('key') : undefined;
    return key ? plainStrings(key) : [];
  });
}

function plainStrings(node: Node): string[] {
  if (node.type !== 'string' || node.namedChildren.some((c) => c.type === 'interpolation')) return [];
  const text = node.namedChildren.filter((c) => c.type === 'string_content').map((c) => c.text).join('');
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(text) ? [text] : [];
}

/** Class-body assignments and annotations, plus `self.x = …` in its methods. */
function readClassBody(def: Node, cls: RawClass | undefined): void {
  const body = def.childForFieldName('body');
  if (!cls || !body) return;
  const attributes = new Set<string>();
  const assigned = new Set<string>();
  for (const st of body.namedChildren) {
    if (st.type === 'class_definition' && st.childForFieldName('name')?.text === 'Config') {
      // pydantic v1 style, which v2 turns into model_config
      attributes.add('model_config');
      cls.extra = configExtra(st.childForFieldName('body'), 'class');
    }
    if (st.type !== 'expression_statement') continue;
    for (const a of st.namedChildren) {
      if (a.type !== 'assignment') continue;
      const left = a.childForFieldName('left');
      if (left?.type !== 'identifier') continue;
      if (a.childForFieldName('right')) assigned.add(left.text);
      else attributes.add(left.text); // `x: int` — an annotated field without a value
      if (left.text === 'model_config') cls.extra = configExtra(a.childForFieldName('right'), 'value');
    }
  }
  for (const a of body.descendantsOfType('assignment')) {
    const left = a.childForFieldName('left');
    if (left?.type !== 'attribute' || left.childForFieldName('object')?.text !== 'self') continue;
    const attr = left.childForFieldName('attribute')?.text;
    if (attr) attributes.add(attr);
  }
  for (const aug of body.descendantsOfType('augmented_assignment')) {
    const left = aug.childForFieldName('left');
    if (left?.type === 'attribute' && left.childForFieldName('object')?.text === 'self') {
      const attr = left.childForFieldName('attribute')?.text;
      if (attr) attributes.add(attr);
    }
  }
  for (const m of Object.keys(cls.methods)) attributes.delete(m);
  cls.attributes = [...attributes];
  cls.assigned = [...assigned];
}

const EXTRA_VALUES = ['allow', 'ignore', 'forbid'] as const;

/**
 * `extra` of a pydantic config written as a literal: `ConfigDict(extra="allow")`, `{"extra": "forbid"}`,
 * `dict(…)`, or a v1 `class Config:` body (`extra = "allow"` / `Extra.allow`). "ignore" (pydantic's
 * default) when the literal has no `extra`; undefined when it is not a literal (`model_config =
 * BASE_CONFIG`) or the value is not one of the three.
 */
function configExtra(node: Node | null | undefined, form: 'value' | 'class'): RawClass['extra'] {
  if (!node) return undefined;
  const valueOf = (v: Node | null | undefined): RawClass['extra'] => {
    const text = v?.text.replace(/^["']|["']$/g, '').replace(/^Extra\./, '');
    return EXTRA_VALUES.find((x) => x === text);
  };
  if (form === 'class') {
    for (const a of node.descendantsOfType('assignment')) {
      if (a.childForFieldName('left')?.text === 'extra') return valueOf(a.childForFieldName('right'));
    }
    return 'ignore';
  }
  if (node.type === 'call' && /^(?:\w+\.)?(?:ConfigDict|dict)$/.test(node.childForFieldName('function')?.text ?? '')) {
    const args = node.childForFieldName('arguments')?.namedChildren ?? [];
    if (args.some((a) => a.type !== 'keyword_argument')) return undefined; // **base or positional: not a plain literal
    const extra = args.find((a) => a.childForFieldName('name')?.text === 'extra');
    return extra ? valueOf(extra.childForFieldName('value')) : 'ignore';
  }
  if (node.type === 'dictionary') {
    if (node.namedChildren.some((p) => p.type !== 'pair')) return undefined;
    const extra = node.namedChildren.find((p) => /^["']extra["']$/.test(p.childForFieldName('key')?.text ?? ''));
    return extra ? valueOf(extra.childForFieldName('value')) : 'ignore';
  }
  return undefined;
}

/**
 * Names a module `__getattr__(name)` serves: strings the parameter is compared with
 * (`name == "X"`, `name in {"X", …}`, `case "X":`), and keys of a module-level dict it looks the
 * name up in (`_LAZY[name]`, `_LAZY.get(name)`, `name in _LAZY`).
 */
function lazyNames(root: Node, fn: PyFunction, dictKeys: Map<string, string[]>): string[] {
  const param = fn.params[0]?.name;
  if (!param) return [];
  const def = root.namedChildren
    .map((st) => (st.type === 'decorated_definition' ? st.childForFieldName('definition') : st))
    .find((d) => d?.type === 'function_definition' && d.startIndex <= fn.signature.startIndex && fn.signature.startIndex < d.endIndex);
  const body = def?.childForFieldName('body');
  if (!body) return [];
  const out = new Set<string>();
  const add = (node: Node | null | undefined): void => {
    if (!node) return;
    if (node.type === 'string') for (const s of plainStrings(node)) out.add(s);
    else if (['set', 'tuple', 'list', 'parenthesized_expression'].includes(node.type)) node.namedChildren.forEach(add);
    else if (node.type === 'identifier') for (const k of dictKeys.get(node.text) ?? []) out.add(k);
  };
  for (const cmp of body.descendantsOfType('comparison_operator')) {
    const [a, b] = cmp.namedChildren;
    if (!a || !b) continue;
    if (a.type === 'identifier' && a.text === param) add(b);
    else if (b.type === 'identifier' && b.text === param) add(a);
  }
  for (const sub of body.descendantsOfType('subscript')) {
    if (sub.childForFieldName('subscript')?.text === param) add(sub.childForFieldName('value'));
  }
  for (const call of body.descendantsOfType('call')) {
    const f = call.childForFieldName('function');
    const args = call.childForFieldName('arguments')?.namedChildren ?? [];
    if (f?.type === 'attribute' && f.childForFieldName('attribute')?.text === 'get' && args[0]?.text === param) add(f.childForFieldName('object'));
  }
  for (const m of body.descendantsOfType('match_statement')) {
    if (m.childForFieldName('subject')?.text !== param) continue;
    for (const c of m.descendantsOfType('case_pattern')) for (const s of c.descendantsOfType('string')) add(s);
  }
  return [...out].sort();
}
