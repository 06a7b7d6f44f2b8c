// Name binding and use per scope (module, class, function), from one cursor walk over the tree.
// Lambdas and comprehensions share their enclosing scope: their parameters and targets count as
// bound there (a deliberate simplification: it can hide a use outside the comprehension, never
// invent an undefined name).
import type { Node, TreeCursor } from 'web-tree-sitter';

export interface Scope {
  node: Node;
  kind: 'module' | 'class' | 'function';
  parent?: Scope;
  /** every name bound in this scope, with the first binding node */
  bindings: Map<string, Node>;
  /** names bound only by plain `name = …` / `name: T = …` (candidates for "unused") */
  simpleAssignments: Map<string, Node>;
  /** every read of a bare name whose nearest scope is this one */
  loads: { name: string; node: Node }[];
  /** names this scope and the scopes nested in it read */
  loadedNames: Set<string>;
  globals: Set<string>;
}

export interface ScopeTable {
  scopes: Scope[];
  byNode: Map<number, Scope>;
  hasWildcardImport: boolean;
}

const cache = new WeakMap<Node, ScopeTable>();

export function scopesOf(root: Node): ScopeTable {
  let table = cache.get(root);
  if (!table) cache.set(root, (table = build(root)));
  return table;
}

type Mode = 'load' | 'store' | 'bind-only' | 'ignore';

const PATTERN_CONTAINERS = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'list_splat_pattern', 'dictionary_splat_pattern', 'tuple', 'list', 'parenthesized_expression', 'expression_list']);
const PARAM_CONTAINERS = new Set(['parameters', 'lambda_parameters']);

function build(root: Node): ScopeTable {
  const moduleScope = newScope(root, 'module');
  const scopes: Scope[] = [moduleScope];
  const byNode = new Map<number, Scope>([[root.id, moduleScope]]);
  let hasWildcardImport = false;
  const cursor = root.walk();

  const bind = (scope: Scope, name: string, node: Node, simple: boolean) => {
    if (!scope.bindings.has(name)) scope.bindings.set(name, node);
    if (simple && !scope.simpleAssignments.has(name)) scope.simpleAssignments.set(name, node);
    else if (!simple) scope.simpleAssignments.delete(name);
  };
  const load = (scope: Scope, name: string, node: Node) => {
    scope.loads.push({ name, node });
    for (let s: Scope | undefined = scope; s; s = s.parent) s.loadedNames.add(name);
  };

  // Visits the cursor's current node and its subtree.
  const visit = (c: TreeCursor, scope: Scope, mode: Mode, simple: boolean): void => {
    const type = c.nodeType;
    if (type === 'identifier') {
      const node = c.currentNode;
      if (mode === 'load') load(scope, node.text, node);
      else if (mode === 'store' || mode === 'bind-only') bind(scope, node.text, node, simple && mode === 'store');
      return;
    }
    if (type === 'wildcard_import') hasWildcardImport = true;
    if (type === 'comment' || type === 'string_content' || type === 'escape_sequence') return;
    if (type === 'function_definition' || type === 'class_definition') {
      const node = c.currentNode;
      const inner = newScope(node, type === 'class_definition' ? 'class' : 'function', scope);
      scopes.push(inner);
      byNode.set(node.id, inner);
      eachChild(c, (field) => {
        if (field === 'name') visit(c, scope, 'bind-only', false);
        else if (field === 'parameters' || field === 'type_parameters') visit(c, inner, 'bind-only', false);
        else if (field === 'body') visit(c, inner, 'load', false);
        else visit(c, scope, 'load', false);
      });
      return;
    }
    if (mode === 'bind-only' && PARAM_CONTAINERS.has(type)) {
      eachChild(c, () => visit(c, scope, 'bind-only', false));
      return;
    }
    switch (type) {
      case 'assignment':
      case 'augmented_assignment':
      case 'for_statement':
      case 'for_in_clause':
        eachChild(c, (field) => {
          if (field === 'left') {
            if (type === 'augmented_assignment') visit(c, scope, 'load', false); // x += 1 reads x
            visit(c, scope, 'store', type === 'assignment' && c.nodeType === 'identifier');
          } else visit(c, scope, 'load', false);
        });
        return;
      case 'default_parameter':
      case 'typed_default_parameter':
        eachChild(c, (field) => visit(c, scope, field === 'name' ? mode : 'load', false));
        return;
      case 'typed_parameter':
        eachChild(c, (field, childType) => visit(c, scope, field === 'type' || childType === 'type' ? 'load' : mode, false));
        return;
      case 'keyword_argument':
        eachChild(c, (field) => (field === 'name' ? undefined : visit(c, scope, 'load', false)));
        return;
      case 'attribute':
        eachChild(c, (field) => (field === 'object' ? visit(c, scope, 'load', false) : undefined));
        return;
      case 'subscript':
        eachChild(c, () => visit(c, scope, 'load', false));
        return;
      case 'as_pattern_target':
      case 'global_statement':
      case 'nonlocal_statement':
        eachChild(c, () => visit(c, scope, 'bind-only', false));
        if (type !== 'as_pattern_target') for (const id of c.currentNode.namedChildren) if (id) scope.globals.add(id.text);
        return;
      case 'named_expression':
        eachChild(c, (field) => visit(c, scope, field === 'name' ? 'bind-only' : 'load', false));
        return;
      case 'import_statement':
      case 'import_from_statement':
      case 'future_import_statement': {
        const node = c.currentNode;
        if (node.namedChildren.some((n) => n?.type === 'wildcard_import')) hasWildcardImport = true;
        visitImport(node, scope, bind);
        return;
      }
      case 'case_pattern':
      case 'type_parameter':
        // capture patterns bind, class/value patterns read: count both to stay on the safe side
        for (const id of c.currentNode.descendantsOfType('identifier')) {
          if (!id) continue;
          bind(scope, id.text, id, false);
          load(scope, id.text, id);
        }
        return;
      case 'type_alias_statement': {
        let first = true;
        eachChild(c, () => {
          visit(c, scope, first ? 'bind-only' : 'load', false);
          first = false;
        });
        return;
      }
      case 'lambda_parameters':
        eachChild(c, () => visit(c, scope, 'bind-only', false));
        return;
      default:
        if (mode !== 'load' && !PATTERN_CONTAINERS.has(type) && type !== 'pattern') mode = 'load';
        eachChild(c, () => visit(c, scope, mode, simple));
    }
  };

  visit(cursor, moduleScope, 'load', false);
  cursor.delete();
  return { scopes, byNode, hasWildcardImport };
}

/** Runs fn for each NAMED child with the cursor on it (punctuation and keywords never bind or read a name). */
function eachChild(c: TreeCursor, fn: (field: string | null, type: string) => void): void {
  if (!c.gotoFirstChild()) return;
  do {
    if (!c.nodeIsNamed) continue;
    fn(c.currentFieldName, c.nodeType);
  } while (c.gotoNextSibling());
  c.gotoParent();
}

function visitImport(node: Node, scope: Scope, bind: (s: Scope, name: string, n: Node, simple: boolean) => void) {
  for (const child of node.childrenForFieldName('name')) {
    if (!child) continue;
    if (child.type === 'aliased_import') {
      const alias = child.childForFieldName('alias');
      if (alias) bind(scope, alias.text, alias, false);
    } else {
      const first = child.type === 'dotted_name' ? child.namedChildren[0] : child;
      if (first) bind(scope, first.text, first, false);
    }
  }
}

function newScope(node: Node, kind: Scope['kind'], parent?: Scope): Scope {
  return { node, kind, parent, bindings: new Map(), simpleAssignments: new Map(), loads: [], loadedNames: new Set(), globals: new Set() };
}
