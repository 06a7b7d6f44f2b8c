// Adds the import statements generated code needs and the file lacks, once, to the module's import block
// (read from the parser's import nodes, never from the text).
import type { ParsedModule, PyImport, PythonParser } from '@onexgen/response-validator';
import { LineIndex, lineEndingOf } from './lines.js';

/**
 * What an import makes available, for deciding whether the file already has it: `import a.b`
 * counts as the module path `a.b`; `from m import x as y` binds the name `y` — if the file binds a
 * name already (from whichever module), importing it again would only shadow it.
 */
function bound(imp: PyImport): string[] {
  if (imp.kind === 'import') return imp.names.map((n) => `module ${n.name} as ${n.alias ?? ''}`);
  return imp.names.map((n) => (n.name === '*' ? `star ${imp.module}` : `name ${n.alias ?? n.name}`));
}

function render(imp: PyImport, names: PyImport['names']): string {
  const list = names.map((n) => (n.alias ? `${n.name} as ${n.alias}` : n.name)).join(', ');
  return imp.kind === 'import' ? `import ${list}` : `from ${imp.module} import ${list}`;
}

/** Import lines (from the generated code) that the module does not already have, deduplicated. */
export function missingImports(parser: PythonParser, module: ParsedModule, wanted: readonly string[]): string[] {
  const have = new Set(module.imports.flatMap(bound));
  const out: string[] = [];
  // each distinct line parsed once: a file of thousands of methods asks for the same few imports
  for (const line of new Set(wanted.map((w) => w.trim()))) {
    for (const imp of parser.parse(line).imports) {
      const missing = imp.names.filter((n) => !have.has(bound({ ...imp, names: [n] })[0]!));
      if (missing.length === 0 || imp.module === '__future__') continue;
      for (const n of missing) have.add(bound({ ...imp, names: [n] })[0]!);
      out.push(render(imp, missing));
    }
  }
  return out;
}

/**
 * Offset where new import lines go: after the last top-level absolute import, else after the module
 * docstring. `afterStatement`: only whitespace or a comment follows that statement on its line, so
 * the lines go between two whole statements.
 */
export function importInsertionPoint(module: ParsedModule, lines: LineIndex): { offset: number; leadingBlank: boolean; afterStatement: boolean } {
  const endsLine = (end: number, offset: number): boolean => /^[ \t]*(#.*)?$/.test(lines.source.slice(end, offset));
  const topLevel = module.imports.filter((i) => i.range.startColumn === 1);
  // absolute imports go before the package's own relative ones (`from .models import ...`)
  const last = topLevel.filter((i) => !i.module.startsWith('.')).at(-1) ?? topLevel.at(-1);
  if (last) {
    const offset = lines.lineEnd(last.range.endLine);
    return { offset, leadingBlank: false, afterStatement: endsLine(last.range.endIndex, offset) };
  }
  const firstCode = Math.min(
    ...module.functions.map((f) => f.definition.startLine),
    ...module.classes.map((c) => c.definition.startLine),
    lines.lineCount + 1,
  );
  const doc = module.strings.find((s) => s.isDocstring && s.range.startColumn === 1 && s.range.startLine < firstCode);
  if (doc) {
    const offset = lines.lineEnd(doc.range.endLine);
    return { offset, leadingBlank: true, afterStatement: endsLine(doc.range.endIndex, offset) };
  }
  // after a shebang / encoding comment block
  let line = 1;
  while (line < lines.lineCount && lines.lineText(line).startsWith('#')) line++;
  return { offset: line === 1 ? -1 : lines.lineEnd(line - 1), leadingBlank: false, afterStatement: false };
}

/**
 * Adds the wanted import statements the source lacks to its import block, each once, in the file's
 * line ending. Returns the source unchanged when nothing is missing.
 */
export function mergeImports(parser: PythonParser, source: string, wanted: readonly string[]): { source: string; added: string[] } {
  if (wanted.length === 0) return { source, added: [] };
  const merged = mergeImportsInto(parser, source, parser.parse(source), wanted);
  return { source: merged.source, added: merged.added };
}

export interface MergedImports {
  source: string;
  added: string[];
  /**
   * When the lines went between two whole statements: where the text up to and including them ends.
   * If that text parses, so does the whole (the rest is what followed it in a source that parsed).
   */
  wholeStatementsEnd?: number;
}

/** {@link mergeImports} on a source already parsed (`module` is `parser.parse(source)`). */
export function mergeImportsInto(parser: PythonParser, source: string, module: ParsedModule, wanted: readonly string[]): MergedImports {
  const added = missingImports(parser, module, wanted);
  if (added.length === 0) return { source, added };
  const eol = lineEndingOf(source);
  const point = importInsertionPoint(module, new LineIndex(source));
  const block = added.join(eol);
  if (point.offset < 0) return { source: block + eol + eol + source, added };
  const head = source.slice(0, point.offset) + eol + (point.leadingBlank ? eol : '') + block;
  // a person's file keeps its import block byte for byte (new lines follow it); files onexgen
  // writes itself are put in isort's order afterwards (tidyGeneratedImports)
  return { source: head + source.slice(point.offset), added, ...(point.afterStatement && module.syntaxValid ? { wholeStatementsEnd: head.length } : {}) };
}
