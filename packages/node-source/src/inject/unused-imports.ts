// Removes top-level imports whose names the module never uses (ruff's F401), for files onexgen
// writes itself (a generated node package): a user's file keeps its imports. A name counts as
// used when an identifier outside the import statements spells it, or a string other than a
// docstring holds it as a whole word (forward references, `__all__`), so a doubtful import is kept,
// never dropped. A docstring naming a class ("The result as ModelXOutput") is prose, not a use:
// ruff's F401 flags that import, so it goes.
import type { ParsedModule, PyImport, PythonParser } from '@onexgen/response-validator';
import { withAnyTree, type TreeRoot } from '../parse-tree.js';
import { lineEndingOf } from './lines.js';
import { sortImportsIn, type ImportOrderOptions } from './import-order.js';

const IMPORT_NODES = new Set(['import_statement', 'import_from_statement', 'future_import_statement']);

function usedIdentifiers(root: TreeRoot): Set<string> {
  const used = new Set<string>();
  const walk = (node: TreeRoot): void => {
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
  const { source: out, removed } = pruneImports(parser, source);
  return { source: out, removed };
}

interface Pruned {
  source: string;
  removed: string[];
  /** the module as parsed BEFORE the edits */
  module: ParsedModule;
  /** where the last top-level import left standing ends in `source` (undefined: none is left) */
  lastImportEnd?: number;
}

function pruneImports(parser: PythonParser, source: string): Pruned {
  return withAnyTree(parser, source, (root, module) => {
    const used = usedIdentifiers(root);
    const inStrings = module.strings.filter((s) => !s.isDocstring).map((s) => s.value);
    const isUsed = (name: string): boolean => {
      if (used.has(name)) return true;
      const word = new RegExp(`\\b${name}\\b`);
      return inStrings.some((text) => word.test(text));
    };
    const eol = lineEndingOf(source);
    const removed: string[] = [];
    const edits: { start: number; end: number; text: string }[] = [];
    const topLevel = module.imports.filter((imp) => imp.range.startColumn === 1);
    // where the last top-level import ends before the edits: it moves with the edits before it
    let lastEnd: number | undefined;
    for (const imp of topLevel) {
      if (imp.module === '__future__' || imp.names.some((n) => n.name === '*')) {
        lastEnd = Math.max(lastEnd ?? 0, imp.range.endIndex);
        continue;
      }
      const keep = imp.names.filter((n) => isUsed(boundName(imp, n)));
      if (keep.length === imp.names.length) {
        lastEnd = Math.max(lastEnd ?? 0, imp.range.endIndex);
        continue;
      }
      removed.push(...imp.names.filter((n) => !keep.includes(n)).map((n) => (n.alias ? `${n.name} as ${n.alias}` : n.name)));
      if (keep.length === 0) {
        // the statement and its line ending go; so do the blank lines after it when another import
        // follows them (a whole section removed would otherwise leave its gap behind), or the blank
        // lines before it when blank lines follow it (the two gaps would add up: `import time`,
        // a blank, the unused `from .models import …`, two blanks, `class` left three, flake8's E303)
        let start = imp.range.startIndex;
        let end = source.startsWith(eol, imp.range.endIndex) ? imp.range.endIndex + eol.length : imp.range.endIndex;
        let past = end;
        while (source.startsWith(eol, past)) past += eol.length;
        if (past > end && module.imports.some((other) => other.range.startIndex === past)) end = past;
        else if (past > end) {
          // removals running up to this one (each took its gap) become one edit, then the gap before them goes
          while (edits.at(-1)?.text === '' && edits.at(-1)!.end === start) start = edits.pop()!.start;
          const floor = edits.at(-1)?.end ?? 0;
          while (start - 2 * eol.length >= floor && source.startsWith(eol + eol, start - 2 * eol.length)) start -= eol.length;
        }
        edits.push({ start, end, text: '' });
      } else {
        const list = keep.map((n) => (n.alias ? `${n.name} as ${n.alias}` : n.name)).join(', ');
        edits.push({ start: imp.range.startIndex, end: imp.range.endIndex, text: imp.kind === 'import' ? `import ${list}` : `from ${imp.module} import ${list}` });
        lastEnd = Math.max(lastEnd ?? 0, imp.range.endIndex);
      }
    }
    let out = source;
    let lastImportEnd = lastEnd;
    for (const e of edits.sort((a, b) => b.start - a.start)) {
      out = out.slice(0, e.start) + e.text + out.slice(e.end);
      if (lastImportEnd !== undefined && e.start < lastImportEnd) lastImportEnd += e.text.length - (Math.min(e.end, lastImportEnd) - e.start);
    }
    return { source: out, removed, module, ...(lastImportEnd !== undefined ? { lastImportEnd } : {}) };
  });
}

/**
 * A generated file's imports as ruff would leave them: unused ones removed, the leading block in
 * isort's order. Blank lines left where a whole section went are folded into the block's order.
 * One whole-file parse: the sort reads the module already parsed when nothing was removed, else
 * only the text up to the last top-level import (complete statements, so it parses as the whole
 * file's start does); a prefix that does not parse falls back to parsing the whole file.
 */
export function tidyGeneratedImports(parser: PythonParser, source: string, options: ImportOrderOptions = {}): { source: string; removed: string[] } {
  const pruned = pruneImports(parser, source);
  const module = pruned.removed.length === 0 ? pruned.module : importsModule(parser, pruned);
  return { source: sortImportsIn(pruned.source, module, options).source, removed: pruned.removed };
}

function importsModule(parser: PythonParser, pruned: Pruned): ParsedModule {
  if (pruned.lastImportEnd === undefined || !pruned.module.syntaxValid) return parser.parse(pruned.source);
  const head = parser.parse(pruned.source.slice(0, pruned.lastImportEnd));
  return head.syntaxValid ? head : parser.parse(pruned.source);
}
