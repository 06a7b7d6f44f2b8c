// Adds the import statements generated code needs and the file lacks, once, to the module's import block
// (read from the parser's import nodes, never from the text).
import type { PyImport, PythonParser } from '@onexgen/response-validator';
import { injectionBase, type InjectionBase } from './injection-base.js';
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
export function missingImports(parser: PythonParser, base: Pick<InjectionBase, 'imports'>, wanted: readonly string[], dropped: readonly Range[] = []): string[] {
  // an import inside a body about to be replaced will be gone: it does not count as present
  const kept = dropped.length === 0 ? base.imports : base.imports.filter((i) => !dropped.some(([start, end]) => i.range.startIndex >= start && i.range.endIndex <= end));
  const have = new Set(kept.flatMap(bound));
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
export function importInsertionPoint(base: Pick<InjectionBase, 'imports' | 'moduleDocstring'>, lines: LineIndex): { offset: number; leadingBlank: boolean; afterStatement: boolean } {
  const endsLine = (end: number, offset: number): boolean => /^[ \t]*(#.*)?$/.test(lines.source.slice(end, offset));
  const topLevel = base.imports.filter((i) => i.range.startColumn === 1);
  // absolute imports go before the package's own relative ones (`from .models import ...`)
  const last = topLevel.filter((i) => !i.module.startsWith('.')).at(-1) ?? topLevel.at(-1);
  if (last) {
    const offset = lines.lineEnd(last.range.endLine);
    return { offset, leadingBlank: false, afterStatement: endsLine(last.range.endIndex, offset) };
  }
  const doc = base.moduleDocstring;
  if (doc) {
    const offset = lines.lineEnd(doc.endLine);
    return { offset, leadingBlank: true, afterStatement: endsLine(doc.endIndex, offset) };
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
  const merged = mergeImportsInto(parser, source, injectionBase(parser.parse(source)), wanted);
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

/** {@link mergeImports} on a source already parsed (`base` is what injection needs of `parser.parse(source)`). */
export function mergeImportsInto(parser: PythonParser, source: string, base: InjectionBase, wanted: readonly string[]): MergedImports {
  const plan = planImports(parser, source, base, wanted);
  if (!plan) return { source, added: [] };
  const at = Math.max(plan.offset, 0);
  return {
    source: source.slice(0, at) + plan.text + source.slice(at),
    added: plan.added,
    ...(plan.afterStatement && base.syntaxValid ? { wholeStatementsEnd: at + plan.text.length } : {}),
  };
}

/** [start, end) JS string offsets */
export type Range = readonly [number, number];

export interface ImportPlan {
  /** the import lines to add */
  added: string[];
  /** where `text` goes in the planned-for source (-1: before everything) */
  offset: number;
  /** what is inserted there: the lines with their line endings */
  text: string;
  /** the text goes between two whole statements (so the source up to its end can be checked alone) */
  afterStatement: boolean;
}

/**
 * Which of `wanted` the source (`base` is what injection needs of its parse) lacks and where they
 * go, or undefined when it lacks none. `dropped`: ranges about to be replaced; imports inside them do
 * not count as present.
 */
export function planImports(parser: PythonParser, source: string, base: InjectionBase, wanted: readonly string[], dropped: readonly Range[] = []): ImportPlan | undefined {
  if (wanted.length === 0) return undefined;
  const added = missingImports(parser, base, wanted, dropped);
  if (added.length === 0) return undefined;
  const eol = lineEndingOf(source);
  const point = importInsertionPoint(base, new LineIndex(source));
  const block = added.join(eol);
  // a person's file keeps its import block byte for byte (new lines follow it); files onexgen
  // writes itself are put in isort's order afterwards (tidyGeneratedImports)
  if (point.offset < 0) return { added, offset: -1, text: block + eol + eol, afterStatement: false };
  return { added, offset: point.offset, text: eol + (point.leadingBlank ? eol : '') + block, afterStatement: point.afterStatement };
}
