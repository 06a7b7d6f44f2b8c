// Name binding and use per scope (module, class, function), from ONE walk of the plain-JS tree
// (identifier-roles.ts gives each identifier the role of the strongest pattern that fits it, as the
// tree-sitter query this replaced did). Each identifier gets its scope from the innermost
// function/class whose span contains it. Lambdas and comprehensions share their
// enclosing scope: their parameters and targets count as bound there (a deliberate simplification:
// it can hide a use outside the comprehension, never invent an undefined name).
import { memoKey, type SyntaxNode as Node } from '../../parser/mirror/syntax-node.js';
import { memo } from './nodes.js';
import { RANK, roleOf, type Role } from './identifier-roles.js';

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
  hasWildcardImport: boolean;
}

const tables = memoKey<Map<number, ScopeTable>>('scope tables');
const IDENTIFIER = /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]+/uy;

/** `source` is the text the tree was parsed from (identifiers are read from it by offset). */
export function scopesOf(root: Node, source: string): ScopeTable {
  return memo(tables, root, () => build(root, source));
}

interface Span {
  start: number;
  end: number;
  scope: Scope;
}

function build(root: Node, source: string): ScopeTable {
  const moduleScope = newScope(root, 'module');
  const scopes: Scope[] = [moduleScope];
  const spans: Span[] = [];
  const caseRegions: { start: number; end: number }[] = [];
  const ids = new Map<number, { node: Node; role: Role }>();

  // the mirror indexes nodes by type: no walk over the whole tree
  for (const node of root.descendantsOfType(['function_definition', 'class_definition'])) {
    const scope = newScope(node, node.type === 'class_definition' ? 'class' : 'function');
    scopes.push(scope);
    spans.push({ start: node.startIndex, end: node.endIndex, scope });
  }
  for (const node of root.descendantsOfType('case_pattern')) caseRegions.push({ start: node.startIndex, end: node.endIndex });
  const hasWildcardImport = root.descendantsOfType('wildcard_import').length > 0;
  for (const node of root.descendantsOfType('identifier')) {
    if (!node.isNamed) continue;
    const role = roleOf(node);
    const seen = ids.get(node.startIndex);
    if (!seen || RANK.get(role)! < RANK.get(seen.role)!) ids.set(node.startIndex, { node, role });
  }

  // parents: the innermost earlier span that contains each span (spans arrive in document order)
  const open: Span[] = [];
  for (const span of spans) {
    while (open.length && open[open.length - 1]!.end <= span.start) open.pop();
    span.scope.parent = open[open.length - 1]?.scope ?? moduleScope;
    open.push(span);
  }
  // innermost span containing `index`: the last span starting at or before it, walked back to the
  // first that still contains it (spans are in document order, so containers nest inward)
  const scopeAt = (index: number): Scope => {
    let lo = 0;
    let hi = spans.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid]!.start <= index) lo = mid + 1;
      else hi = mid - 1;
    }
    for (let i = hi; i >= 0; i--) if (index < spans[i]!.end) return spans[i]!.scope;
    return moduleScope;
  };

  for (const [start, { node, role }] of ids) {
    if (role === 'ignore') continue;
    IDENTIFIER.lastIndex = start;
    const name = IDENTIFIER.exec(source)?.[0];
    if (!name) continue;
    let scope = scopeAt(start);
    if (role === 'def') scope = scope.parent ?? moduleScope; // `def f` binds f where the def stands
    const inCase = caseRegions.some((r) => r.start <= start && start < r.end);
    if (role === 'id' && !inCase) {
      scope.loads.push({ name, node });
      for (let s: Scope | undefined = scope; s; s = s.parent) s.loadedNames.add(name);
      continue;
    }
    bind(scope, name, node, role === 'simple');
    if (role === 'global') scope.globals.add(name);
    if (role === 'aug' || role === 'both' || inCase) {
      // `x += 1` reads x; capture/type patterns both bind and read: count both to stay on the safe side
      scope.loads.push({ name, node });
      for (let s: Scope | undefined = scope; s; s = s.parent) s.loadedNames.add(name);
    }
  }
  return { scopes, hasWildcardImport };
}

function bind(scope: Scope, name: string, node: Node, simple: boolean) {
  if (!scope.bindings.has(name)) scope.bindings.set(name, node);
  if (simple && !scope.simpleAssignments.has(name)) scope.simpleAssignments.set(name, node);
  else if (!simple) scope.simpleAssignments.delete(name);
}

function newScope(node: Node, kind: Scope['kind'], parent?: Scope): Scope {
  return { node, kind, parent, bindings: new Map(), simpleAssignments: new Map(), loads: [], loadedNames: new Set(), globals: new Set() };
}
