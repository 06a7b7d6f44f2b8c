// A parse with its syntax tree, from whatever the parser offers: its plain-JS mirror when it has one
// (reading it costs no WebAssembly calls), else the live tree. For readers that need more than the
// parsed module's plain data (the identifiers a file uses, a stub body's statements).
import type { ParsedModule, PythonParser, TreeSitterPythonParser } from '@onexgen/response-validator';

/** a syntax node of the parser's tree (named through the parser's own signature: no direct tree-sitter dependency) */
export type TreeRoot = Parameters<Parameters<PythonParser['withTree']>[1]>[0]['rootNode'];

export function withAnyTree<T>(parser: PythonParser, source: string, fn: (root: TreeRoot, module: ParsedModule) => T): T {
  const mirrored = parser as Partial<TreeSitterPythonParser>;
  if (typeof mirrored.withSyntaxTree === 'function') return mirrored.withSyntaxTree(source, (tree, module) => fn(tree.rootNode as unknown as TreeRoot, module));
  return parser.withTree(source, (tree, module) => fn(tree.rootNode, module));
}
