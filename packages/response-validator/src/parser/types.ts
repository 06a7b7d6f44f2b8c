// The parsed-module shape every package relies on (context-builder, pattern-library, orchestrator).
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

export interface PythonParser {
  parse(source: string): ParsedModule;
}
