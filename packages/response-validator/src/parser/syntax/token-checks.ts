// Tokens tree-sitter accepts that Python 3 does not: `async`/`await` used as names (`x = await`,
// `async = 1`) and the `<>` operator. Identifiers and comparisons are frequent nodes, so instead
// of collecting them all, each occurrence of the text in the source is looked up in the tree.
import type { SyntaxNode as Node } from '../mirror/syntax-node.js';
import type { PySyntaxIssue } from '../types.js';
import { issueAt } from './tree-errors.js';

export function misusedTokens(source: string, root: Node): PySyntaxIssue[] {
  const issues: PySyntaxIssue[] = [];
  for (const word of ['await', 'async']) {
    for (let i = source.indexOf(word); i !== -1; i = source.indexOf(word, i + word.length)) {
      const leaf = root.descendantForIndex(i, i + word.length);
      if (leaf?.type === 'identifier' && leaf.startIndex === i && leaf.endIndex === i + word.length) {
        issues.push(issueAt(leaf, 'invalid-syntax', `invalid syntax: '${word}' is a keyword and cannot be used as a name`));
      }
    }
  }
  // `a <> b`: tree-sitter keeps Python 2's operator.
  for (let i = source.indexOf('<>'); i !== -1; i = source.indexOf('<>', i + 2)) {
    const token = root.descendantForIndex(i, i + 2);
    if (token?.type === '<>') issues.push(issueAt(token, 'invalid-syntax', "invalid syntax: '<>' is not an operator in Python 3; use '!='"));
  }
  return issues;
}
