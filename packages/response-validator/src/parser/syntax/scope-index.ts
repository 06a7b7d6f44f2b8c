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

  constructor(nodes: ReadonlyMap<string, Node[]>) {
    for (const type of CONTAINER_TYPES) {
      for (const node of nodes.get(type) ?? []) {
        this.containers.push({ type, node, start: node.startIndex, end: node.endIndex, isAsync: type === 'function_definition' && node.firstChild?.type === 'async' });
      }
    }
    // Outer containers first among equal starts, so the reverse scan finds inner ones first.
    this.containers.sort((a, b) => a.start - b.start || b.end - a.end);
  }

  /** Containers holding `node`, innermost first (the node itself excluded). */
  enclosing(node: Node): Container[] {
    const start = node.startIndex;
    const out: Container[] = [];
    for (let i = this.containers.length - 1; i >= 0; i--) {
      const c = this.containers[i]!;
      if (c.start <= start && start < c.end && !(c.start === start && c.node.equals(node))) out.push(c);
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
