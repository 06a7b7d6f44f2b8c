// A plain-JS mirror of one tree-sitter tree, built once per parse (build-mirror.ts) and read by every
// extraction step, syntax check and rule. Reading a web-tree-sitter Node crosses into WebAssembly
// and allocates per property (type, text, children, fields), which cost more than the parse itself;
// the mirror pays that once per node. Members keep web-tree-sitter's names and meanings (visible
// nodes only, named and anonymous, positions in UTF-16 code units) so code reads the same on both.

export interface Point {
  row: number;
  column: number;
}

/** Names one per-tree cache (`SyntaxTree.memo`); create one per cache at module level with `memoKey`. */
export interface MemoKey<T> {
  readonly name: string;
  /** carries the cached type only */
  readonly type?: T;
}

export function memoKey<T>(name: string): MemoKey<T> {
  return { name };
}

export class SyntaxTree {
  rootNode!: SyntaxNode;
  /** every node in document (pre-)order: nodes[n.id] === n */
  readonly nodes: SyntaxNode[] = [];
  /** some node ends at index 0 (tree-sitter's descendantsOfType skips those and their subtrees) */
  hasEmptyAtOrigin = false;
  private byType: Map<string, SyntaxNode[]> | undefined;
  private memos: Map<MemoKey<unknown>, unknown> | undefined;

  constructor(
    /** the text that was parsed */
    readonly source: string,
    /** start index of every '\n'-separated line (tree-sitter counts rows the same way) */
    readonly lineStarts: readonly number[],
  ) {}

  /** Every node of one type, in document order (indexed on first use: rules ask for many types). */
  ofType(type: string): readonly SyntaxNode[] {
    if (!this.byType) {
      const index = new Map<string, SyntaxNode[]>();
      for (const node of this.nodes) {
        const list = index.get(node.type);
        if (list) list.push(node);
        else index.set(node.type, [node]);
      }
      this.byType = index;
    }
    return this.byType.get(type) ?? [];
  }

  /**
   * The value `make()` returns, computed once per tree for `key` (what the rules read many times:
   * scope tables, name resolution, call sites, callee texts). Kept ON the tree, so it is garbage
   * together with the tree (no module-level WeakMap tables that outlive every tree they key).
   */
  memo<T>(key: MemoKey<T>, make: () => T): T {
    const memos = (this.memos ??= new Map());
    if (memos.has(key)) return memos.get(key) as T;
    const value = make();
    memos.set(key, value);
    return value;
  }

  /**
   * Drops every memo: a tree parsed once and handed to another consumer (recent-parses.ts) must not
   * carry what rules computed for the last one under its context.
   */
  forgetMemos(): void {
    this.memos = undefined;
  }

  /**
   * Called once the walk is complete: each node's children (arrays of exactly their size, made
   * here from the parent links: arrays grown by push during the walk kept 17 slots from the first
   * push on), then the last descendant of each node, for subtree ranges.
   */
  finish(): void {
    const nodes = this.nodes;
    // nodes are in document order, a parent before its children: count, then fill in order
    const counts = new Int32Array(nodes.length);
    for (const node of nodes) if (node.parent) counts[node.parent.id]!++;
    for (const node of nodes) {
      const parent = node.parent;
      if (!parent) continue;
      if (parent.children === NO_CHILDREN) {
        parent.children = new Array<SyntaxNode>(counts[parent.id]!);
        counts[parent.id] = 0;
      }
      node.indexInParent = counts[parent.id]!++;
      parent.children[node.indexInParent] = node;
    }
    for (let i = nodes.length - 1; i >= 0; i--) {
      const node = nodes[i]!;
      const last = node.children[node.children.length - 1];
      node.lastDescendantId = last ? last.lastDescendantId : node.id;
      if (node.endIndex === 0) this.hasEmptyAtOrigin = true;
    }
  }

  /** 0-based row and UTF-16 column of `index` */
  pointAt(index: number, fromRow = 0): Point {
    const starts = this.lineStarts;
    let lo = fromRow;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return { row: lo, column: index - starts[lo]! };
  }
}

/**
 * Fields tree-sitter's childForFieldName finds on a grandchild: the grammar gives them to a hidden
 * rule that an alias makes visible (`body: alias($._match_block, $.block)` holds the `alternative`
 * case clauses), so the parent inherits them. childrenForFieldName does not, here as there.
 * (Found by comparing every field of every node of 250 stdlib files against the live tree.)
 */
// Frozen: a leaf's children can never be pushed to by mistake.
const NO_CHILDREN = Object.freeze([]) as unknown as SyntaxNode[];

const INHERITED_FIELDS = new Map([['match_statement.alternative', 'body']]);

export class SyntaxNode {
  /** document-order number, unique within the tree */
  readonly id: number;
  readonly tree: SyntaxTree;
  readonly type: string;
  readonly isNamed: boolean;
  readonly startIndex: number;
  readonly endIndex: number;
  /** the 0-based row the node starts on (its column and the Point object are made when asked) */
  readonly startRow: number;
  /** the field this node fills in its parent (`name`, `body`, ...), null when none */
  readonly fieldName: string | null;
  readonly parent: SyntaxNode | null;
  /** visible children, named and anonymous, in order (leaves share one empty array: read only) */
  children: SyntaxNode[] = NO_CHILDREN;
  /** id of the last node of this subtree (ids of the subtree run id..lastDescendantId) */
  lastDescendantId = 0;
  /** a token tree-sitter invented to recover from an error */
  isMissing = false;
  /** this node or a descendant is an ERROR or MISSING node */
  hasError = false;
  /** this node's place in its parent's children (set by SyntaxTree.finish) */
  indexInParent = 0;
  private named: SyntaxNode[] | undefined;
  // made on first read: most nodes' positions are never read (a Point per node was ~5 % of what a
  // whole-file parse allocates: 840 → 796 KB per 8.7 KB stdlib file; tools/bench/README.md, session 15)
  private start: Point | undefined;
  private end: Point | undefined;

  constructor(tree: SyntaxTree, id: number, type: string, isNamed: boolean, startIndex: number, endIndex: number, startRow: number, fieldName: string | null, parent: SyntaxNode | null) {
    this.tree = tree;
    this.id = id;
    this.type = type;
    this.isNamed = isNamed;
    this.startIndex = startIndex;
    this.endIndex = endIndex;
    this.startRow = startRow;
    this.fieldName = fieldName;
    this.parent = parent;
    tree.nodes.push(this);
  }

  get isError(): boolean {
    return this.type === 'ERROR';
  }

  get text(): string {
    return this.tree.source.slice(this.startIndex, this.endIndex);
  }

  get startPosition(): Point {
    return (this.start ??= { row: this.startRow, column: this.startIndex - this.tree.lineStarts[this.startRow]! });
  }

  get endPosition(): Point {
    return (this.end ??= this.tree.pointAt(this.endIndex, this.startRow));
  }

  get namedChildren(): SyntaxNode[] {
    return (this.named ??= this.children.filter((c) => c.isNamed));
  }

  get childCount(): number {
    return this.children.length;
  }

  get namedChildCount(): number {
    return this.namedChildren.length;
  }

  child(index: number): SyntaxNode | null {
    return this.children[index] ?? null;
  }

  namedChild(index: number): SyntaxNode | null {
    return this.namedChildren[index] ?? null;
  }

  get firstChild(): SyntaxNode | null {
    return this.children[0] ?? null;
  }

  get lastChild(): SyntaxNode | null {
    return this.children[this.children.length - 1] ?? null;
  }

  get nextSibling(): SyntaxNode | null {
    return this.parent?.children[this.indexInParent + 1] ?? null;
  }

  get previousSibling(): SyntaxNode | null {
    return this.parent?.children[this.indexInParent - 1] ?? null;
  }

  childForFieldName(fieldName: string): SyntaxNode | null {
    for (const c of this.children) if (c.fieldName === fieldName) return c;
    const through = INHERITED_FIELDS.get(`${this.type}.${fieldName}`);
    return through ? (this.childForFieldName(through)?.childForFieldName(fieldName) ?? null) : null;
  }

  childrenForFieldName(fieldName: string): SyntaxNode[] {
    return this.children.filter((c) => c.fieldName === fieldName);
  }

  equals(other: SyntaxNode | null | undefined): boolean {
    return this === other;
  }

  /**
   * This node and its descendants of the given types, in document order. Like tree-sitter's walk,
   * a node ending at (0, 0) is skipped together with its subtree.
   */
  descendantsOfType(types: string | readonly string[]): SyntaxNode[] {
    const wanted = typeof types === 'string' ? [types] : [...new Set(types)];
    if (this.tree.hasEmptyAtOrigin) return this.visitDescendants(wanted);
    if (wanted.length > 1) {
      // one pass over the subtree's id range: no merge-and-sort of the per-type lists
      const set = new Set(wanted);
      const nodes = this.tree.nodes;
      const out: SyntaxNode[] = [];
      for (let i = this.id; i <= this.lastDescendantId; i++) if (set.has(nodes[i]!.type)) out.push(nodes[i]!);
      return out;
    }
    const out: SyntaxNode[] = [];
    for (const type of wanted) {
      const all = this.tree.ofType(type);
      let lo = 0;
      let hi = all.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (all[mid]!.id < this.id) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < all.length && all[i]!.id <= this.lastDescendantId; i++) out.push(all[i]!);
    }
    return out;
  }

  private visitDescendants(wanted: readonly string[]): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    const visit = (node: SyntaxNode): void => {
      if (node.endIndex === 0) return;
      if (wanted.includes(node.type)) out.push(node);
      for (const c of node.children) visit(c);
    };
    visit(this);
    return out;
  }

  /** The smallest node (named or anonymous) spanning [start, end], as ts_node_descendant_for_byte_range. */
  descendantForIndex(start: number, end: number = start): SyntaxNode | null {
    return start > end ? null : descendFor(this, start, end);
  }

  toString(): string {
    return `(${this.type} ${this.startIndex}-${this.endIndex})`;
  }
}

function descendFor(from: SyntaxNode, start: number, end: number): SyntaxNode {
  let node = from;
  for (;;) {
    // the first child that reaches the range (siblings' ends never decrease, so a binary search:
    // a module of 100,000 statements must not cost 100,000 steps per lookup)
    const children = node.children;
    let lo = 0;
    let hi = children.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (reaches(children[mid]!, start, end)) hi = mid;
      else lo = mid + 1;
    }
    const child = children[lo];
    if (!child || start < child.startIndex) return node;
    node = child;
  }
}

/** Does `child` end at or after the range (an empty child may end where the range starts)? */
function reaches(child: SyntaxNode, start: number, end: number): boolean {
  const childEnd = child.endIndex;
  if (childEnd < end) return false;
  return child.startIndex === childEnd ? childEnd >= start : childEnd > start;
}
