// Removes top-level imports whose names the module never uses (ruff's F401), for files onexgen
// writes itself (a generated node package): a user's file keeps its imports. A name counts as
// used when an identifier outside the import statements spells it, or a string other than a
// docstring holds it as a whole word (forward references, `__all__`), so a doubtful import is kept,
// never dropped. A docstring naming a class ("The result as ModelXOutput") is prose, not a use:
// ruff's F401 flags that import, so it goes.
import type { PyImport, PythonParser } from '@onexgen/response-validator';
import { lineEndingOf } from './lines.js';
import { sortImports, type ImportOrderOptions } from './import-order.js';

/** a syntax node of the parser's tree (named through the parser's own signature: no direct tree-sitter dependency) */
type Node = Parameters<Parameters<PythonParser['withTree']>[1]>[0]['rootNode'];

const IMPORT_NODES = new Set(['import_statement', 'import_from_statement', 'future_import_statement']);

function usedIdentifiers(root: Node): Set<string> {
  const used = new Set<string>();
  const walk = (node: Node): void => {
    if (IMPORT_NODES.has(node.type)) return;
    if (node.type === 'identifier') used.add(node.text);
    for (const child of node.namedChildren) if (child) walk(child);
  };
  walk(root);
  return used;
}

/** The name an import binds: `import a.b` binds a, `import a.b as c` binds c, `from m import x as y` binds y. */
const boundName = (imp: PyImport, n: PyImport['names'][number]): string => n.alias ?? (imp.kind === 'import' ? n.name.split('.')[0]! : n.name);

export function removeUnusedImports(parser: PythonParser, source: string): { source: string; removed: string[] } {
  return parser.withTree(source, (tree, module) => {
    const used = usedIdentifiers(tree.rootNode);
    const inStrings = module.strings.filter((s) => !s.isDocstring).map((s) => s.value);
    const isUsed = (name: string): boolean => used.has(name) || inStrings.some((text) => new RegExp(`\\b${name}\\b`).test(text));
    const eol = lineEndingOf(source);
    const removed: string[] = [];
    const edits: { start: number; end: number; text: string }[] = [];
    for (const imp of module.imports) {
      if (imp.range.startColumn !== 1 || imp.module === '__future__' || imp.names.some((n) => n.name === '*')) continue;
      const keep = imp.names.filter((n) => isUsed(boundName(imp, n)));
      if (keep.length === imp.names.length) continue;
      removed.push(...imp.names.filter((n) => !keep.includes(n)).map((n) => (n.alias ? `${n.name} as ${n.alias}` : n.name)));
      if (keep.length === 0) {
        // the statement and its line ending go; so do the blank lines after it when another import
        // follows them (a whole section removed would otherwise leave its gap behind)
        let end = source.startsWith(eol, imp.range.endIndex) ? imp.range.endIndex + eol.length : imp.range.endIndex;
        let past = end;
        while (source.startsWith(eol, past)) past += eol.length;
        if (past > end && module.imports.some((other) => other.range.startIndex === past)) end = past;
        edits.push({ start: imp.range.startIndex, end, text: '' });
      } else {
        const list = keep.map((n) => (n.alias ? `${n.name} as ${n.alias}` : n.name)).join(', ');
        edits.push({ start: imp.range.startIndex, end: imp.range.endIndex, text: imp.kind === 'import' ? `import ${list}` : `from ${imp.module} import ${list}` });
      }
    }
    let out = source;
    for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
    return { source: out, removed };
  });
}

/**
 * A generated file's imports as ruff would leave them: unused ones removed, the leading block in
 * isort's order. Blank lines left where a whole section went are folded into the block's order.
 */
export function tidyGeneratedImports(parser: PythonParser, source: string, options: ImportOrderOptions = {}): { source: string; removed: string[] } {
  const pruned = removeUnusedImports(parser, source);
  return { source: sortImports(parser, pruned.source, options).source, removed: pruned.removed };
}
