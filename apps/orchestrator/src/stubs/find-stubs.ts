// Finds the methods whose body is a stub, from the parsed module (functions, statements, comments);
// never by searching the text, so markers inside strings and docstrings do not count.
import type { ParsedModule, PyComment, PyFunction } from '@onexgen/response-validator';
import { LineIndex } from './lines.js';

export type StubMarker = 'IMPLEMENTATION REQUIRED' | 'TODO' | 'Stub' | 'NotImplementedError';

export interface Stub {
  className: string | null;
  method: string;
  qualifiedName: string;
  isAsync: boolean;
  marker: StubMarker;
  /** the marker comment or raise statement as written */
  markerText: string;
  /** 1-based lines: the `def` line, the first and last line of the stub body (after the docstring) */
  signatureLine: number;
  bodyStartLine: number;
  bodyEndLine: number;
  /** the region the injector replaces: [replaceStart, replaceEnd) JS string offsets */
  replaceStart: number;
  replaceEnd: number;
  /** the body sits on the `def` line (`def f(self): pass  # Stub`) */
  inlineBody: boolean;
  bodyIndent: string;
  function: PyFunction;
}

// Marker comments, matched against one comment's text (the parser's comment nodes).
const MARKERS: [StubMarker, RegExp][] = [
  ['IMPLEMENTATION REQUIRED', /^#\s*IMPLEMENTATION REQUIRED\b/i],
  ['TODO', /^#\s*TODO\s*(?::|\()/i],
  ['Stub', /^#\s*stub\b/i],
];

function markerOf(comment: PyComment): StubMarker | undefined {
  return MARKERS.find(([, re]) => re.test(comment.text.trim()))?.[0];
}

function isAbstract(fn: PyFunction): boolean {
  return fn.decorators.some((d) => d === 'abstractmethod' || d.endsWith('.abstractmethod'));
}

function nestedRanges(fn: PyFunction, all: readonly PyFunction[]): [number, number][] {
  return all
    .filter((g) => g !== fn && g.definition.startIndex >= fn.body.startIndex && g.definition.endIndex <= fn.definition.endIndex)
    .map((g) => [g.definition.startLine, g.definition.endLine]);
}

interface BodyRegion {
  firstLine: number;
  lastLine: number;
  inline: boolean;
}

/** Lines of the body after the docstring, trailing comments of the last statement included. */
function bodyRegion(fn: PyFunction, comments: readonly PyComment[], lines: LineIndex): BodyRegion {
  const defLine = fn.signature.endLine;
  const firstStatement = fn.statements[0];
  const inline = firstStatement !== undefined && firstStatement.range.startLine === defLine;
  const firstLine = inline ? defLine : (fn.docstring ? fn.docstring.range.endLine : defLine) + 1;
  let lastLine = Math.max(fn.body.endLine, fn.statements.at(-1)?.range.endLine ?? defLine, fn.docstring?.range.endLine ?? defLine);
  // tree-sitter may hang a trailing comment on the next sibling: take comment lines that directly follow
  // and sit deeper than the `def`.
  const defColumn = fn.signature.startColumn;
  const commentLines = new Map(comments.map((c) => [c.range.startLine, c]));
  for (;;) {
    const next = commentLines.get(lastLine + 1);
    if (!next || next.range.startColumn <= defColumn || lines.lineText(lastLine + 1).trim() !== next.text.trim()) break;
    lastLine++;
  }
  return { firstLine, lastLine, inline };
}

function isDocstringStatement(fn: PyFunction, index: number): boolean {
  const s = fn.statements[index];
  return index === 0 && !!fn.docstring && !!s && s.range.startIndex <= fn.docstring.range.startIndex && s.range.endIndex >= fn.docstring.range.endIndex;
}

export function findStubs(module: ParsedModule): Stub[] {
  const lines = new LineIndex(module.source);
  const stubs: Stub[] = [];
  for (const fn of module.functions) {
    if (fn.qualifiedName.includes('<locals>') || isAbstract(fn)) continue;
    const region = bodyRegion(fn, module.comments, lines);
    const nested = nestedRanges(fn, module.functions);
    const inRegion = module.comments.filter(
      (c) =>
        c.range.startLine >= region.firstLine &&
        c.range.startLine <= region.lastLine &&
        !nested.some(([a, b]) => c.range.startLine >= a && c.range.startLine <= b),
    );
    let marker: StubMarker | undefined;
    let markerText = '';
    for (const c of inRegion) {
      marker = markerOf(c);
      if (marker) {
        markerText = c.text.trim();
        break;
      }
    }
    if (!marker) {
      const rest = fn.statements.filter((_, i) => !isDocstringStatement(fn, i));
      const only = rest.length === 1 ? rest[0] : undefined;
      if (only?.type === 'raise_statement' && /^raise\s+NotImplementedError\b/.test(only.text)) {
        marker = 'NotImplementedError';
        markerText = only.text;
      }
    }
    if (!marker) continue;
    let bodyStartLine = region.firstLine;
    while (!region.inline && bodyStartLine < region.lastLine && lines.isBlank(bodyStartLine)) bodyStartLine++;
    stubs.push({
      className: fn.className ?? null,
      method: fn.name,
      qualifiedName: fn.qualifiedName,
      isAsync: fn.isAsync,
      marker,
      markerText,
      signatureLine: fn.signature.startLine,
      bodyStartLine,
      bodyEndLine: region.lastLine,
      replaceStart: region.inline ? fn.signature.endIndex : lines.lineStart(region.firstLine),
      replaceEnd: lines.lineEnd(region.lastLine),
      inlineBody: region.inline,
      bodyIndent: fn.bodyIndent,
      function: fn,
    });
  }
  return stubs;
}

/** The `onexgen stubs --json` shape (1-based lines). */
export function stubToJson(stub: Stub): Record<string, unknown> {
  return {
    class: stub.className,
    method: stub.method,
    async: stub.isAsync,
    marker: stub.marker,
    signatureLine: stub.signatureLine,
    bodyStartLine: stub.bodyStartLine,
    bodyEndLine: stub.bodyEndLine,
  };
}
