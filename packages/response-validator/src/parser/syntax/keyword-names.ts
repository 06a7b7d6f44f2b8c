// `async`/`await` are keywords since Python 3.7, but tree-sitter still reads them as names
// (`x = await`, `async = 1`). Identifiers are the most frequent node, so instead of collecting
// them all, each occurrence of the two words in the source is looked up in the tree.
import type { Node } from 'web-tree-sitter';
import type { PySyntaxIssue } from '../types.js';
import { issueAt } from './tree-errors.js';

export function keywordsUsedAsNames(source: string, root: Node): PySyntaxIssue[] {
  const issues: PySyntaxIssue[] = [];
  for (const word of ['await', 'async']) {
    for (let i = source.indexOf(word); i !== -1; i = source.indexOf(word, i + word.length)) {
      const leaf = root.descendantForIndex(i, i + word.length);
      if (leaf?.type === 'identifier' && leaf.startIndex === i && leaf.endIndex === i + word.length) {
        issues.push(issueAt(leaf, 'invalid-syntax', `invalid syntax: '${word}' is a keyword and cannot be used as a name`));
      }
    }
  }
  return issues;
}
