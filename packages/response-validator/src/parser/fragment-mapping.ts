// Re-expresses a ParsedModule of a derived source (a fragment wrapped in a synthetic method, or a
// source with re-indented continuation lines) in the coordinates of the text it came from, and
// drops synthetic definitions. Text fields are re-sliced from that text, so added indentation
// never shows.
import type { FragmentWrapper, ParsedFragment, ParsedModule, PyDocstring, PySyntaxIssue, SourceRange } from './types.js';

/** How positions of a derived source map back to the text it was derived from. */
export interface PositionMap {
  /** the original text */
  target: string;
  /** start index of every line of `target` */
  lineStarts: number[];
  /** synthetic lines in front of the original text (definitions starting there are dropped) */
  prefixLines: number;
  /** indentation added in front of every line (removed from bodyIndent) */
  indent: string;
  /** derived 1-based (line, column) -> original; null on synthetic lines */
  mapPosition(line: number, column: number): { line: number; column: number } | null;
}

interface Point {
  line: number;
  column: number;
  index: number;
}

export function createMapper(w: PositionMap): { point(line: number, column: number): Point; range(r: SourceRange): SourceRange } {
  const lastLine = w.lineStarts.length;
  const point = (line: number, column: number): Point => {
    const mapped = w.mapPosition(line, column) ?? { line: 1, column: 1 };
    const fragmentLine = Math.min(mapped.line, lastLine);
    const start = w.lineStarts[fragmentLine - 1] ?? 0;
    const lineEnd = fragmentLine < lastLine ? (w.lineStarts[fragmentLine] ?? w.target.length) - 1 : w.target.length;
    const index = Math.min(start + mapped.column - 1, lineEnd);
    return { line: fragmentLine, column: index - start + 1, index };
  };
  const range = (r: SourceRange): SourceRange => {
    const a = point(r.startLine, r.startColumn);
    const b = point(r.endLine, r.endColumn);
    return { startLine: a.line, startColumn: a.column, endLine: b.line, endColumn: b.column, startIndex: a.index, endIndex: b.index };
  };
  return { point, range };
}

/** `w` is a fragment-wrapper's BuiltWrapper (both a FragmentWrapper and a PositionMap). */
export function mapToFragment(module: ParsedModule, w: FragmentWrapper & PositionMap): ParsedFragment {
  return {
    ...mapModule(module, w),
    wrapper: {
      prefixLines: w.prefixLines,
      indent: w.indent,
      source: w.source,
      mapPosition: w.mapPosition,
      bodyStartLine: w.bodyStartLine,
      bodyEndLine: w.bodyEndLine,
    },
  };
}

/** Maps an item that carries its own text (an import, a call, ...) back: its range, its text re-sliced. */
export function textItemMapper(w: PositionMap, range = createMapper(w).range): <T extends { text: string; range: SourceRange }>(item: T) => T {
  return (item) => {
    const mapped = range(item.range);
    return { ...item, range: mapped, text: w.target.slice(mapped.startIndex, mapped.endIndex) };
  };
}

export function mapModule(module: ParsedModule, w: PositionMap): ParsedModule {
  const { range, point } = createMapper(w);
  const withText = textItemMapper(w, range);
  const doc = (d: PyDocstring | undefined): PyDocstring | undefined => (d ? { ...d, range: range(d.range) } : undefined);
  const issue = (i: PySyntaxIssue): PySyntaxIssue => {
    const at = point(i.line, i.column);
    const out: PySyntaxIssue = { ...i, line: at.line, column: at.column };
    if (i.startLine !== undefined) Object.assign(out, range(i as SourceRange));
    return out;
  };
  const isSynthetic = (r: SourceRange): boolean => r.startLine <= w.prefixLines;
  const dropIndent = (indent: string): string => (indent.startsWith(w.indent) ? indent.slice(w.indent.length) : indent);

  return {
    source: w.target,
    syntaxValid: module.syntaxValid,
    syntaxErrors: module.syntaxErrors.map(issue),
    compileErrors: module.compileErrors.map(issue),
    functions: module.functions
      .filter((f) => !isSynthetic(f.signature))
      .map((f) => ({
        ...f,
        ...(f.docstring ? { docstring: doc(f.docstring) } : {}),
        signature: range(f.signature),
        definition: range(f.definition),
        body: range(f.body),
        bodyIndent: dropIndent(f.bodyIndent),
        statements: f.statements.map(withText),
      })),
    classes: module.classes
      .filter((c) => !isSynthetic(c.definition))
      .map((c) => ({ ...c, ...(c.docstring ? { docstring: doc(c.docstring) } : {}), definition: range(c.definition), body: range(c.body) })),
    imports: module.imports.map(withText),
    calls: module.calls.map((c) => ({ ...c, range: range(c.range) })),
    strings: module.strings.map(withText),
    comments: module.comments.map(withText),
  };
}
