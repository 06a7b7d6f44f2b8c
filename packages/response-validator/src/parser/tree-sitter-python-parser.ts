// The PythonParser over one web-tree-sitter Parser: parse, extract everything into plain data,
// run the checks that close tree-sitter's gaps with CPython, free the tree.
import type { Parser, Tree } from 'web-tree-sitter';
import { PythonParserError } from './errors.js';
import { extractAll } from './extract/walk.js';
import { treeErrors } from './syntax/tree-errors.js';
import type { ParsedModule, PythonParser } from './types.js';

export class TreeSitterPythonParser implements PythonParser {
  constructor(private readonly parser: Parser) {}

  parse(source: string): ParsedModule {
    if (typeof source !== 'string') {
      throw new PythonParserError('INVALID_SOURCE', `parse(source): source must be a string, got ${typeof source}`);
    }
    let tree: Tree | null;
    try {
      tree = this.parser.parse(source);
    } catch (cause) {
      throw new PythonParserError('PARSER_FAILED', 'tree-sitter failed to parse the source', { cause });
    }
    if (!tree) throw new PythonParserError('PARSER_FAILED', 'tree-sitter returned no tree');
    try {
      const root = tree.rootNode;
      const syntaxErrors = treeErrors(root);
      const extraction = extractAll(source, root);
      return {
        source,
        syntaxValid: syntaxErrors.length === 0,
        syntaxErrors,
        compileErrors: [],
        ...extraction,
      };
    } finally {
      tree.delete();
    }
  }
}
