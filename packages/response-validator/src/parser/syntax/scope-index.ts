// Which functions, classes, lambdas, comprehensions and loops enclose a node, answered from index
// ranges collected in the single tree pass (climbing `.parent` costs a WebAssembly call per level).
import type { SyntaxNode as Node } from '../mirror/syntax-node.js';

export const CONTAINER_TYPES = [
  'function_definition', 'class_definition', 'lambda', 'list_comprehension', 'set_comprehension',
  'dictionary_comprehension', 'generator_expression', 'for_statement', 'while_statement',
] as const;

export interface Container {
  type: string;
  node: Node;
  start: number;
  end: number;
  /** `async def` (functions only) */
  isAsync: boolean;
  /** for comprehensions: the range of the first clause's iterable (evaluated in the enclosing scope) */
  firstIterable?: [number, number];
  /** for loops: the range of the `else` clause (break/continue there leave the loop's reach) */
  elseClause?: [number, number] | null;
}

export class ScopeIndex {
  private readonly containers: Container[] = [];
  /** per container (same order): the index of the innermost container holding it, -1 at top level */
  private readonly parents: number[] = [];

  constructor(nodes: ReadonlyMap<string, Node[]>) {
    for (const type of CONTAINER_TYPES) {
      for (const node of nodes.get(type) ?? []) {
        this.containers.push({ type, node, start: node.startIndex, end: node.endIndex, isAsync: type === 'function_definition' && node.firstChild?.type === 'async' });
      }
    }
    // Outer containers first among equal starts, so a later container with the same start is inner.
    this.containers.sort((a, b) => a.start - b.start || b.end - a.end);
    // Ranges nest: one pass with a stack of open containers gives each its parent.
    const open: number[] = [];
    this.containers.forEach((c, i) => {
      while (open.length && this.containers[open.at(-1)!]!.end <= c.start) open.pop();
      this.parents.push(open.at(-1) ?? -1);
      open.push(i);
    });
  }

  /**
   * Containers holding `node`, innermost first (the node itself excluded). Every container holding a
   * position is an ancestor of (or is) the last container starting at or before it, so a binary
   * search and a walk up the parents answer it: the cost is the nesting depth, not the file's size.
   */
  enclosing(node: Node): Container[] {
    const start = node.startIndex;
    let lo = 0;
    let hi = this.containers.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.containers[mid]!.start <= start) lo = mid + 1;
      else hi = mid;
    }
    const out: Container[] = [];
    for (let i = lo - 1; i >= 0; i = this.parents[i]!) {
      const c = this.containers[i]!;
      if (start < c.end && !(c.start === start && c.node.equals(node))) out.push(c);
    }
    return out;
  }

  /** Whether `node` lies in the first iterable of comprehension `c` (which runs in the enclosing scope). */
  inFirstIterable(c: Container, node: Node): boolean {
    if (c.firstIterable === undefined) {
      const right = c.node.namedChildren.find((n) => n.type === 'for_in_clause')?.childForFieldName('right');
      c.firstIterable = right ? [right.startIndex, right.endIndex] : [0, 0];
    }
    return c.firstIterable[0] <= node.startIndex && node.startIndex < c.firstIterable[1];
  }

  /** Whether `node` lies in the `else` clause of loop `c`. */
  inLoopElse(c: Container, node: Node): boolean {
    if (c.elseClause === undefined) {
      const clause = c.node.namedChildren.find((n) => n.type === 'else_clause');
      c.elseClause = clause ? [clause.startIndex, clause.endIndex] : null;
    }
    return c.elseClause !== null && c.elseClause[0] <= node.startIndex && node.startIndex < c.elseClause[1];
  }
}
