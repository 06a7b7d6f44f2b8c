// The PythonParser over one web-tree-sitter Parser: parse, extract everything into plain data,
// run the checks that close tree-sitter's gaps with CPython, free the tree.
import type { Parser, Tree } from 'web-tree-sitter';
import { PythonParserError } from './errors.js';
import { extractAll } from './extract/walk.js';
import { mapToFragment } from './fragment-mapping.js';
import { buildWrapper } from './fragment-wrapper.js';
import { runChecks } from './syntax/check-context.js';
import { GRAMMAR_CHECK_TYPES, GRAMMAR_CHECKS } from './syntax/grammar-checks.js';
import { layoutErrors } from './syntax/layout.js';
import { treeErrors } from './syntax/tree-errors.js';
import type { FragmentOptions, FragmentWrapper, ParsedFragment, ParsedModule, PySyntaxIssue, PythonParser } from './types.js';

export class TreeSitterPythonParser implements PythonParser {
  constructor(private readonly parser: Parser) {}

  parse(source: string): ParsedModule {
    return this.withTree(source, (_tree, module) => module);
  }

  parseFragment(body: string, opts?: FragmentOptions): ParsedFragment {
    const wrapper = buildWrapper(checkSource(body, 'parseFragment(body)'), opts);
    return mapToFragment(this.withTree(wrapper.source, (_tree, module) => module), wrapper);
  }

  withTree<T>(source: string, fn: (tree: Tree, module: ParsedModule) => T): T {
    checkSource(source, 'parse(source)');
    let tree: Tree | null;
    try {
      tree = this.parser.parse(source);
    } catch (cause) {
      throw new PythonParserError('PARSER_FAILED', 'tree-sitter failed to parse the source', { cause });
    }
    if (!tree) throw new PythonParserError('PARSER_FAILED', 'tree-sitter returned no tree');
    try {
      return fn(tree, analyse(source, tree));
    } finally {
      tree.delete();
    }
  }

  withFragmentTree<T>(
    body: string,
    opts: FragmentOptions | undefined,
    fn: (tree: Tree, module: ParsedModule, wrapper: FragmentWrapper) => T,
  ): T {
    const wrapper = buildWrapper(checkSource(body, 'withFragmentTree(body)'), opts);
    return this.withTree(wrapper.source, (tree, module) => fn(tree, module, wrapper));
  }
}

function checkSource(source: unknown, what: string): string {
  if (typeof source !== 'string') {
    throw new PythonParserError('INVALID_SOURCE', `${what}: source must be a string, got ${typeof source}`);
  }
  return source;
}

function byPosition(issues: PySyntaxIssue[]): PySyntaxIssue[] {
  return issues.sort((a, b) => a.line - b.line || a.column - b.column);
}

function analyse(source: string, tree: Tree): ParsedModule {
  const root = tree.rootNode;
  const { extraction, layout, nodes } = extractAll(source, root, GRAMMAR_CHECK_TYPES);
  // The checks that close tree-sitter's gaps with CPython run only on trees it accepted.
  const syntaxErrors = root.hasError ? treeErrors(root) : byPosition([...runChecks(GRAMMAR_CHECKS, nodes), ...layoutErrors(source, layout)]);
  return {
    source,
    syntaxValid: syntaxErrors.length === 0,
    syntaxErrors,
    compileErrors: [],
    ...extraction,
  };
}
