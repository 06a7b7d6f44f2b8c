// Small readers over web-tree-sitter nodes of the Python grammar, shared by every rule.
import { type MemoKey, memoKey, type SyntaxNode as Node } from '../../parser/mirror/syntax-node.js';

// Every rule asks for the same calls' callee and arguments: read each once per tree.
const callees = memoKey<Map<number, string>>('callees');
const argumentsCache = memoKey<Map<number, CallArguments>>('call arguments');

/** `compute()` once per node, cached on the node's tree (`SyntaxTree.memo`: it dies with the tree). */
export function memo<T>(store: MemoKey<Map<number, T>>, node: Node, compute: () => T): T {
  const map = node.tree.memo(store, () => new Map<number, T>());
  let value = map.get(node.id);
  if (value === undefined) map.set(node.id, (value = compute()));
  return value;
}

/** The callee as written without whitespace, e.g. 'self.pool.acquire'. */
export function calleeText(call: Node): string {
  return memo(callees, call, () => {
    const fn = call.childForFieldName('function');
    return fn ? fn.text.replace(/\s+/g, '') : '';
  });
}

export function lastSegment(dotted: string): string {
  const i = dotted.lastIndexOf('.');
  return i < 0 ? dotted : dotted.slice(i + 1);
}

export interface CallArguments {
  positional: Node[];
  keywords: Map<string, Node>;
}

export function callArguments(call: Node): CallArguments {
  return memo(argumentsCache, call, () => readArguments(call));
}

function readArguments(call: Node): CallArguments {
  const positional: Node[] = [];
  const keywords = new Map<string, Node>();
  const list = call.childForFieldName('arguments');
  if (list && list.type === 'argument_list') {
    for (const child of list.namedChildren) {
      if (!child || child.type === 'comment') continue;
      if (child.type === 'keyword_argument') {
        const name = child.childForFieldName('name')?.text;
        const value = child.childForFieldName('value');
        if (name && value) keywords.set(name, value);
      } else positional.push(child);
    }
  } else if (list) positional.push(list);
  return { positional, keywords };
}

/** The node without surrounding parentheses. */
export function unwrap(node: Node): Node {
  let n = node;
  while (n.type === 'parenthesized_expression' && n.namedChildCount === 1 && n.namedChild(0)) n = n.namedChild(0)!;
  return n;
}

/** A string literal without interpolation (implicit concatenation of such literals included). */
export function isPlainString(node: Node): boolean {
  const n = unwrap(node);
  if (n.type === 'concatenated_string') return n.namedChildren.every((c) => !!c && isPlainString(c));
  return n.type === 'string' && !n.namedChildren.some((c) => c?.type === 'interpolation');
}

export function isInterpolatedFString(node: Node): boolean {
  const n = unwrap(node);
  if (n.type === 'concatenated_string') return n.namedChildren.some((c) => !!c && isInterpolatedFString(c));
  return n.type === 'string' && n.namedChildren.some((c) => c?.type === 'interpolation');
}

/** The literal text between the quotes (string_content pieces joined; interpolations skipped). */
export function stringContent(node: Node): string {
  const n = unwrap(node);
  if (n.type === 'concatenated_string') return n.namedChildren.map((c) => (c ? stringContent(c) : '')).join('');
  if (n.type !== 'string') return '';
  return n.namedChildren
    .filter((c) => c?.type === 'string_content' || c?.type === 'escape_sequence')
    .map((c) => c!.text)
    .join('');
}

export function isTrue(node: Node | undefined): boolean {
  return !!node && unwrap(node).type === 'true';
}

export function isFalse(node: Node | undefined): boolean {
  return !!node && unwrap(node).type === 'false';
}

interface FunctionSpan {
  node: Node;
  start: number;
  end: number;
}
const functionSpans = memoKey<FunctionSpan[]>('function spans');

/** Nearest function_definition strictly containing the node, found by offsets (no walk up the tree). */
export function enclosingFunction(node: Node): Node | undefined {
  const spans = node.tree.memo(functionSpans, () =>
    node.tree.rootNode
      .descendantsOfType('function_definition')
      .filter((n): n is Node => !!n)
      .map((n) => ({ node: n, start: n.startIndex, end: n.endIndex })),
  );
  const at = node.startIndex;
  const end = node.endIndex;
  // spans are in document order: find the last one starting at or before `at`, then walk back to
  // the first that contains the node (later-starting containers are nested deeper: innermost first)
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.start <= at) lo = mid + 1;
    else hi = mid - 1;
  }
  for (let i = hi; i >= 0; i--) {
    const f = spans[i]!;
    if (f.start <= at && end <= f.end && !(f.start === at && f.end === end)) return f.node;
  }
  return undefined;
}

export function functionName(fn: Node): string {
  return fn.childForFieldName('name')?.text ?? '';
}

export function isAsyncFunction(fn: Node): boolean {
  return fn.firstChild?.type === 'async';
}

/** Is the node (expression) the direct operand of `await` (through parentheses)? */
export function isAwaited(node: Node): boolean {
  let p = node.parent;
  while (p && p.type === 'parenthesized_expression') p = p.parent;
  return p?.type === 'await';
}

/** The name a value is bound to: `x = …`, `self.x = …` (→ 'x'), `x: T = …`, keyword `x=…`, param default. */
export function boundName(target: Node | null | undefined): string | undefined {
  if (!target) return undefined;
  const t = unwrap(target);
  if (t.type === 'identifier') return t.text;
  if (t.type === 'attribute') return t.childForFieldName('attribute')?.text;
  if (t.type === 'subscript') {
    const index = t.childForFieldName('subscript');
    if (index && index.type === 'string') return stringContent(index);
  }
  return undefined;
}

/** Descendants of `node` (itself included) with one of the given types, in document order. */
export function descendants(node: Node, types: string[]): Node[] {
  return node.descendantsOfType(types).filter((n): n is Node => !!n);
}
