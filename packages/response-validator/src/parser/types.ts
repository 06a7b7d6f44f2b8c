// The parsed-module shape every package relies on (context-builder, pattern-library, orchestrator).
import type { BuiltWrapper } from './fragment-wrapper.js';
import type { LiveTree } from './live-tree.js';
import type { SyntaxTree } from './mirror/syntax-node.js';

export type { LiveNode, LivePoint, LiveTree } from './live-tree.js';

// Plain serialisable data extracted eagerly from the tree-sitter tree (the tree itself is freed).
// Lines are 1-based; columns are 1-based; startIndex/endIndex are JS string offsets (UTF-16 code
// units) into the source, so `source.slice(r.startIndex, r.endIndex)` is the node's text.

export interface SourceRange {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  startIndex: number;
  endIndex: number;
}

export interface PySyntaxIssue extends Partial<SourceRange> {
  /** e.g. 'invalid-syntax', 'unexpected-indent', 'return-outside-function' */
  code: string;
  message: string;
  line: number;
  column: number;
}

export interface PyParam {
  name: string;
  kind: 'positional' | 'keyword_only' | 'var_positional' | 'var_keyword' | 'positional_only';
  annotation?: string;
  default?: string;
}

export interface PyStatement {
  /** tree-sitter node type, e.g. 'expression_statement', 'raise_statement', 'pass_statement', 'try_statement' */
  type: string;
  text: string;
  range: SourceRange;
}

export interface PyDocstring {
  text: string;
  range: SourceRange;
}

export interface PyFunction {
  name: string;
  /** 'Class.method' or 'outer.<locals>.inner' style; plain name at module level */
  qualifiedName: string;
  className?: string;
  isAsync: boolean;
  isMethod: boolean;
  decorators: string[];
  params: PyParam[];
  returnAnnotation?: string;
  docstring?: PyDocstring;
  /** from `def`/`async def` (decorators excluded) through the colon */
  signature: SourceRange;
  /** the whole definition including decorators */
  definition: SourceRange;
  /** the body block */
  body: SourceRange;
  /** indentation string of the body's first statement (e.g. 8 spaces) */
  bodyIndent: string;
  /** top-level statements of the body, in order, docstring included */
  statements: PyStatement[];
  /** PEP 695 type parameters as written (`def f[T: int](...)` gives ['T: int']); absent when none */
  typeParameters?: string[];
}

export interface PyClass {
  name: string;
  /** 'Outer.Inner' or 'f.<locals>.C' style; plain name at module level */
  qualifiedName?: string;
  /** positional arguments of the class statement as written */
  bases: string[];
  /** keyword arguments of the class statement, e.g. metaclass=ABCMeta */
  keywords?: { name: string; value: string }[];
  decorators: string[];
  docstring?: PyDocstring;
  definition: SourceRange;
  body: SourceRange;
  methods: string[];
  /** PEP 695 type parameters as written, e.g. ['T_Input', 'T_Output'] */
  typeParameters: string[];
}

export interface PyImport {
  /** 'import' for `import a.b as c`, 'from' for `from a import b` */
  kind: 'import' | 'from';
  module: string;
  names: { name: string; alias?: string }[];
  text: string;
  range: SourceRange;
}

export interface PyCall {
  /** callee as written, e.g. 'emit_log_event', 'self.pool.acquire', 'conn.execute' */
  callee: string;
  args: string[];
  keywords: { name: string; value: string }[];
  range: SourceRange;
  /** qualifiedName of the enclosing function, if any */
  enclosingFunction?: string;
}

export interface PyString {
  /** the literal as written, including prefix and quotes */
  text: string;
  /** the decoded-ish content between the quotes (no escape processing for f-strings) */
  value: string;
  isFString: boolean;
  isDocstring: boolean;
  range: SourceRange;
}

export interface PyComment {
  /** including the leading '#' */
  text: string;
  range: SourceRange;
}

export interface ParsedModule {
  source: string;
  /** agrees with CPython's ast.parse (3.12 grammar) */
  syntaxValid: boolean;
  syntaxErrors: PySyntaxIssue[];
  /** accepted by ast.parse but rejected by compile(): return outside function, await outside async, ... */
  compileErrors: PySyntaxIssue[];
  functions: PyFunction[];
  classes: PyClass[];
  imports: PyImport[];
  calls: PyCall[];
  strings: PyString[];
  comments: PyComment[];
}

export interface FragmentBodyOptions {
  /** drop a string statement that opens the body (the stub keeps its own docstring) */
  dropDocstring?: boolean;
}

export interface FragmentBodyLine {
  /** the line without the body's common indentation ('' for a blank line) */
  text: string;
  /** the line continues a multi-line string: written back exactly, never re-indented */
  verbatim: boolean;
}

export interface FragmentOptions {
  /** wrap in `async def` (default true: generated node methods are async) */
  isAsync?: boolean;
  /** name of the synthetic method (default '__fragment__') */
  methodName?: string;
  /** when given, the method is wrapped in `class <className>:` too */
  className?: string;
}

export interface FragmentWrapper {
  /** lines the wrapper adds before the fragment's first line */
  prefixLines: number;
  /** indentation added in front of every fragment line ('' when the fragment was already indented) */
  indent: string;
  /** the synthetic wrapped source that was parsed */
  source: string;
  /** wrapped 1-based (line, column) -> the fragment's own 1-based (line, column); null on wrapper lines */
  mapPosition(line: number, column: number): { line: number; column: number } | null;
  /** first and last wrapped lines holding fragment text */
  bodyStartLine: number;
  bodyEndLine: number;
}

/** A method body parsed inside a synthetic method; every position is in the fragment's own coordinates. */
export interface ParsedFragment extends ParsedModule {
  /** the fragment as given (`source` is the fragment too) */
  wrapper: FragmentWrapper;
}

export interface PythonParser {
  parse(source: string): ParsedModule;
  /** wraps a method body (indented or not, tabs included) in a synthetic (async) method */
  parseFragment(body: string, opts?: FragmentOptions): ParsedFragment;
  /**
   * A method body laid out to replace a stub body (fragment-body.ts): dedented, lines that continue
   * a multi-line string kept as written, the opening docstring dropped on request. Give the body's
   * ParsedFragment when it was already parsed, so it is not parsed again.
   */
  fragmentBody(body: string | ParsedFragment, opts?: FragmentBodyOptions): FragmentBodyLine[];
  /** parses once, hands the live tree and the extracted module to fn, deletes the tree after fn returns */
  withTree<T>(source: string, fn: (tree: LiveTree, module: ParsedModule) => T): T;
  /** the same for a method body: tree and module are of the WRAPPED source (not re-mapped); use wrapper.mapPosition */
  withFragmentTree<T>(body: string, opts: FragmentOptions | undefined, fn: (tree: LiveTree, module: ParsedModule, wrapper: FragmentWrapper) => T): T;
}

/** The parser loadPythonParser returns: a PythonParser that also hands over the plain-JS mirror of the tree. */
/** How large a source the parser takes (see parse-budget.ts); beyond either: PythonParserError SOURCE_TOO_LARGE. */
export interface ParseLimits {
  /** syntax nodes a tree may have (default 4,000,000 ≈ 1.8 GB in all; a 5 MB stdlib-style file has ~0.95 M) */
  maxNodes: number;
  /** bytes tree-sitter's WebAssembly memory may grow by during one parse (default 1 GiB) */
  maxParserGrowthBytes: number;
}

export interface TreeSitterPythonParser extends PythonParser {
  /** the process-wide parser's limits; assign to change them */
  readonly limits: ParseLimits;
  /**
   * Keep the last `count` whole-file parses of sources of 4 to 256 KB and hand them back for the very same
   * text (the module frozen, the tree without the last consumer's memos); 0 stops it. For a thread
   * that parses the same file more than once (a node file's injection check, then its import tidy).
   */
  rememberParses(count: number): void;
  /** like withTree, with the mirror (the WebAssembly tree is already freed; reading it costs no WebAssembly calls) */
  withSyntaxTree<T>(source: string, fn: (tree: SyntaxTree, module: ParsedModule) => T): T;
  /** like withFragmentTree, with the mirror of the wrapped source's tree */
  withFragmentSyntaxTree<T>(body: string, opts: FragmentOptions | undefined, fn: (tree: SyntaxTree, module: ParsedModule, wrapper: BuiltWrapper) => T): T;
}
