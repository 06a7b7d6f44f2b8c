// Re-expresses a ParsedModule of the wrapped source in the fragment's own coordinates and drops
// the synthetic class/method. Text fields are re-sliced from the fragment, so a body that needed
// an added indent shows its own text, not the indented copy.
import type { BuiltWrapper } from './fragment-wrapper.js';
import type { ParsedFragment, ParsedModule, PyDocstring, PySyntaxIssue, SourceRange } from './types.js';

interface Point {
  line: number;
  column: number;
  index: number;
}

export function createMapper(w: BuiltWrapper): { point(line: number, column: number): Point; range(r: SourceRange): SourceRange } {
  const lastLine = w.lineStarts.length;
  const point = (line: number, column: number): Point => {
    const mapped = w.mapPosition(line, column) ?? { line: 1, column: 1 };
    const fragmentLine = Math.min(mapped.line, lastLine);
    const start = w.lineStarts[fragmentLine - 1] ?? 0;
    const lineEnd = fragmentLine < lastLine ? (w.lineStarts[fragmentLine] ?? w.fragment.length) - 1 : w.fragment.length;
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

export function mapToFragment(module: ParsedModule, w: BuiltWrapper): ParsedFragment {
  const { range, point } = createMapper(w);
  const text = (r: SourceRange): string => w.fragment.slice(r.startIndex, r.endIndex);
  const withText = <T extends { text: string; range: SourceRange }>(item: T): T => {
    const mapped = range(item.range);
    return { ...item, range: mapped, text: text(mapped) };
  };
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
    source: w.fragment,
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
