// One finding per line and rule: `exec(compile(src))` or a call reached both directly and through
// a partial are one problem, reported once.
import type { SyntaxNode as Node } from '../../parser/mirror/syntax-node.js';
import type { RuleContext } from '../rule.js';

export function oncePerLine(ctx: RuleContext): (at: Node, message: string) => void {
  const lines = new Set<number>();
  return (at, message) => {
    if (lines.has(at.startPosition.row)) return;
    lines.add(at.startPosition.row);
    ctx.report(at, message);
  };
}
