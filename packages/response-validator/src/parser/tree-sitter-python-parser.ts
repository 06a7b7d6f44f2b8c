// The PythonParser over one web-tree-sitter Parser: parse, mirror the tree into plain JS once,
// extract everything into plain data, run the checks that close tree-sitter's gaps with CPython,
// free the tree.
import type { Parser, Tree } from 'web-tree-sitter';
import type { LiveTree } from './live-tree.js';
import { buildSyntaxTree } from './mirror/build-mirror.js';
import { boundedParse, DEFAULT_PARSE_LIMITS } from './parse-budget.js';
import type { SyntaxTree } from './mirror/syntax-node.js';
import type { WasmBinding } from './mirror/wasm-binding.js';
import { PythonParserError } from './parser-error.js';
import { RecentParses } from './recent-parses.js';
import { extractAll } from './extract/walk.js';
import { mapModule, mapToFragment } from './fragment-mapping.js';
import { buildWrapper, type BuiltWrapper } from './fragment-wrapper.js';
import { fragmentBody } from './fragment-body.js';
import { runChecks } from './syntax/check-context.js';
import { COMPILE_CHECKS } from './syntax/compile-checks.js';
import { CHECKED_NODE_TYPES, GRAMMAR_CHECKS } from './syntax/grammar-checks.js';
import { reindentContinuations } from './syntax/continuation-retry.js';
import { misusedTokens } from './syntax/token-checks.js';
import { layoutErrors } from './syntax/layout.js';
import { limitErrors } from './syntax/limits.js';
import { cpythonError } from './syntax/cpython-message.js';
import { ScopeIndex } from './syntax/scope-index.js';
import { treeErrors } from './syntax/tree-errors.js';
import type { FragmentBodyLine, FragmentBodyOptions, FragmentOptions, FragmentWrapper, ParsedFragment, ParseLimits, ParsedModule, PySyntaxIssue, TreeSitterPythonParser } from './types.js';

export class WasmPythonParser implements TreeSitterPythonParser {
  /** `binding`: web-tree-sitter's wasm module as captured by loadPythonParser (faster mirroring) */
  /** how large a tree this parser builds (parse-budget.ts); a bigger source throws SOURCE_TOO_LARGE */
  readonly limits: ParseLimits = { ...DEFAULT_PARSE_LIMITS };
  private recent: RecentParses | undefined;

  constructor(
    private readonly parser: Parser,
    private readonly binding?: WasmBinding,
  ) {}

  parse(source: string): ParsedModule {
    return this.withSyntaxTree(source, (_tree, module) => module);
  }

  parseFragment(body: string, opts?: FragmentOptions): ParsedFragment {
    const wrapper = buildWrapper(checkSource(body, 'parseFragment(body)'), opts);
    return mapToFragment(this.withSyntaxTree(wrapper.source, (_tree, module) => module), wrapper);
  }

  fragmentBody(body: string | ParsedFragment, opts?: FragmentBodyOptions): FragmentBodyLine[] {
    return fragmentBody(typeof body === 'string' ? this.parseFragment(body) : body, opts);
  }

  withTree<T>(source: string, fn: (tree: LiveTree, module: ParsedModule) => T): T {
    const limit = limitErrors(checkSource(source, 'parse(source)'));
    const tree = this.parseTree(limit ? '' : source);
    try {
      if (limit) return fn(tree, rejectedModule(source, limit));
      return fn(tree, this.analyse(source, buildSyntaxTree(tree, source, this.binding)));
    } finally {
      tree.delete();
    }
  }

  withFragmentTree<T>(
    body: string,
    opts: FragmentOptions | undefined,
    fn: (tree: LiveTree, module: ParsedModule, wrapper: FragmentWrapper) => T,
  ): T {
    const wrapper = buildWrapper(checkSource(body, 'withFragmentTree(body)'), opts);
    return this.withTree(wrapper.source, (tree, module) => fn(tree, module, wrapper));
  }

  /**
   * Keeps the last `count` whole-file parses of sources of 4 to 256 KB and hands them back for the same text
   * (recent-parses.ts: a frozen module, a tree without the last consumer's memos); 0 stops it.
   */
  rememberParses(count: number): void {
    this.recent = count > 0 ? new RecentParses(count) : undefined;
  }

  /** Like withTree, with the plain-JS mirror of the tree (the tree-sitter tree is already freed). */
  withSyntaxTree<T>(source: string, fn: (tree: SyntaxTree, module: ParsedModule) => T): T {
    // Beyond CPython's nesting limits: rejected as CPython does, without building a tree at all.
    const limit = limitErrors(checkSource(source, 'parse(source)'));
    if (limit) return fn(this.mirror(''), rejectedModule(source, limit));
    const parse = () => {
      const tree = this.mirror(source);
      return { tree, module: this.analyse(source, tree) };
    };
    if (this.recent) return this.recent.with(source, this.limits, parse, fn);
    const { tree, module } = parse();
    return fn(tree, module);
  }

  /** Like withFragmentTree, with the plain-JS mirror of the wrapped source's tree. */
  withFragmentSyntaxTree<T>(
    body: string,
    opts: FragmentOptions | undefined,
    fn: (tree: SyntaxTree, module: ParsedModule, wrapper: BuiltWrapper) => T,
  ): T {
    const wrapper = buildWrapper(checkSource(body, 'withFragmentTree(body)'), opts);
    return this.withSyntaxTree(wrapper.source, (tree, module) => fn(tree, module, wrapper));
  }

  private parseTree(source: string): Tree {
    return boundedParse(this.parser, source, this.limits, this.binding);
  }

  private mirror(source: string): SyntaxTree {
    const tree = this.parseTree(source);
    try {
      return buildSyntaxTree(tree, source, this.binding);
    } finally {
      tree.delete();
    }
  }

  private analyse(source: string, tree: SyntaxTree): ParsedModule {
    const first = analyseTree(source, tree);
    if (!tree.rootNode.hasError) return first.module;
    const retry = reindentContinuations(source, first.stringSpans);
    if (!retry) return first.module;
    const raw = this.parseTree(retry.source);
    let retryTree: SyntaxTree;
    try {
      retryTree = buildSyntaxTree(raw, retry.source, this.binding);
    } finally {
      raw.delete();
    }
    const second = analyseTree(retry.source, retryTree);
    return second.module.syntaxValid ? mapModule(second.module, retry.map) : first.module;
  }
}

function checkSource(source: unknown, what: string): string {
  if (typeof source !== 'string') {
    throw new PythonParserError('INVALID_SOURCE', `${what}: source must be a string, got ${typeof source}`);
  }
  return source;
}

/** A source rejected before parsing: the error and nothing extracted. */
function rejectedModule(source: string, error: PySyntaxIssue): ParsedModule {
  return { source, syntaxValid: false, syntaxErrors: [error], compileErrors: [], functions: [], classes: [], imports: [], calls: [], strings: [], comments: [] };
}

/** Leads with the error CPython 3.12 reports (its line, column and words) where the token stream shows it. */
function asCPythonWouldSay(source: string, errors: PySyntaxIssue[], treeRejected: boolean): PySyntaxIssue[] {
  const first = errors[0];
  // tree-sitter's own wording ("invalid syntax near …", "expected ')'") becomes CPython's generic one
  const generic = first && treeRejected && (first.code === 'invalid-syntax' || first.code === 'missing-token') ? { ...first, code: 'invalid-syntax', message: 'invalid syntax' } : first;
  const derived = cpythonError(source, generic);
  if (!derived || derived === generic) return generic ? [generic, ...errors.slice(1)] : errors;
  // the tree check's handler-less `try` sits on the `try` line; the token analysis places it (or an
  // empty body) where CPython does
  const placedBetter = first?.message === "expected 'except' or 'finally' block";
  if (!treeRejected && first && !placedBetter && (first.line < derived.line || (first.line === derived.line && !LAYOUT_CODES.has(first.code)))) return errors;
  return [derived, ...errors.filter((e) => e !== first)];
}
const LAYOUT_CODES = new Set(['expected-indent', 'unexpected-indent', 'unindent-mismatch', 'inconsistent-tabs', 'invalid-syntax', 'missing-token', 'unexpected-eof']);

function byPosition(issues: PySyntaxIssue[]): PySyntaxIssue[] {
  return issues.sort((a, b) => a.line - b.line || a.column - b.column);
}

interface Analysis {
  module: ParsedModule;
  stringSpans: number[];
}

function analyseTree(source: string, tree: SyntaxTree): Analysis {
  const root = tree.rootNode;
  const { extraction, layout, nodes } = extractAll(source, root, CHECKED_NODE_TYPES);
  // The checks that close tree-sitter's gaps with CPython run only on trees it accepted; compile()
  // rules only on sources ast.parse would accept (CPython reports those only then).
  if (root.hasError) {
    const syntaxErrors = asCPythonWouldSay(source, treeErrors(root), true);
    return { module: { source, syntaxValid: false, syntaxErrors, compileErrors: [], ...extraction }, stringSpans: layout.stringSpans };
  }
  const context = { scopes: new ScopeIndex(nodes) };
  const found = byPosition([...runChecks(GRAMMAR_CHECKS, nodes, context), ...misusedTokens(source, root), ...layoutErrors(source, layout)]);
  const syntaxErrors = found.length ? asCPythonWouldSay(source, found, false) : found;
  const compileErrors = syntaxErrors.length === 0 ? byPosition(runChecks(COMPILE_CHECKS, nodes, context)) : [];
  return {
    module: { source, syntaxValid: syntaxErrors.length === 0, syntaxErrors, compileErrors, ...extraction },
    stringSpans: layout.stringSpans,
  };
}
