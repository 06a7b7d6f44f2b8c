// Finds the methods a person marked as stubs, from the parsed module (functions, statements, comments);
// never by searching the text, so markers inside strings and docstrings do not count. Each function is
// looked at once and each comment belongs to one function: time is linear in the file's size.
import type { ParsedModule, PyComment, PyFunction, PythonParser } from '@onexgen/response-validator';
import { LineIndex } from '../inject/lines.js';
import { withAnyTree } from '../parse-tree.js';
import { bodyEvidence, statementEvidence, type TreeNode } from './body-evidence.js';
import { judge, type StubKind, type StubMarker } from './judge.js';
import { markerOf, type Marker } from './markers.js';

export interface Stub {
  /** 'stub': filled by default; 'uncertain': mixed evidence, filled only when asked for */
  kind: StubKind;
  /** why it was taken for a stub (or why it is uncertain), for a person */
  reason: string;
  marker: StubMarker;
  /** the marker comment or raise statement as written */
  markerText: string;
  className: string | null;
  method: string;
  qualifiedName: string;
  isAsync: boolean;
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

export interface FindStubsOptions {
  /** also return the methods whose evidence is mixed (kind 'uncertain'); default false */
  includeUncertain?: boolean;
  /**
   * The tree `module` was parsed into (the parser's mirror or live tree): a marked body's statements
   * are then read from it instead of being parsed again on their own (one small parse per stub).
   */
  tree?: { rootNode: FileNode };
}

/** What findStubs reads of a node of the file's tree. */
export interface FileNode extends TreeNode {
  startIndex: number;
  parent: FileNode | null;
  namedChildren: (FileNode | null)[];
  childForFieldName(name: string): FileNode | null;
  descendantForIndex(start: number, end?: number): FileNode | null;
}

/** The statements of `fn`'s body from index `from` on, as nodes of the file's tree; undefined when they cannot be matched one to one. */
function statementsInTree(root: FileNode, fn: PyFunction, from: number): TreeNode[] | undefined {
  const start = fn.signature.startIndex;
  let node = root.descendantForIndex(start);
  while (node && !(node.type === 'function_definition' && node.startIndex === start)) node = node.parent;
  const block = node?.childForFieldName('body');
  if (!block) return undefined;
  const wanted = fn.statements.slice(from).map((st) => st.range.startIndex);
  const byStart = new Map(block.namedChildren.filter((c): c is FileNode => !!c && c.type !== 'comment').map((c) => [c.startIndex, c]));
  const found = wanted.map((at) => byStart.get(at));
  return found.every((n): n is FileNode => !!n) ? found : undefined;
}

/** The body's statements after the docstring as text (for parsing them on their own), through the region's last line. */
function statementsText(source: string, first: PyFunction['statements'][number] | undefined, region: { inline: boolean; lastLine: number }, lines: LineIndex): string {
  if (!first) return '';
  return source.slice(region.inline ? first.range.startIndex : lines.lineStart(first.range.startLine), lines.lineEnd(region.lastLine));
}

function isAbstract(fn: PyFunction): boolean {
  return fn.decorators.some((d) => d === 'abstractmethod' || d.endsWith('.abstractmethod'));
}

interface BodyRegion {
  firstLine: number;
  lastLine: number;
  inline: boolean;
}

/**
 * Where the `def … :` really ends: tree-sitter counts comments between the colon and the body's first
 * statement into the signature, so trailing comments are taken off again (comments inside a multi-line
 * parameter list are followed by code and stay).
 */
function signatureEnd(fn: PyFunction, source: string, comments: Comments): number {
  let end = fn.signature.endIndex;
  for (let i = lowerBound(comments.starts, end) - 1; i >= 0; i--) {
    const c = comments.list[i]!;
    if (c.range.startIndex < fn.signature.startIndex || c.range.endIndex !== end) break;
    end = c.range.startIndex;
    while (end > 0 && /\s/.test(source[end - 1]!)) end--;
  }
  return end;
}

interface Comments {
  list: PyComment[];
  /** startIndex of each, ascending */
  starts: number[];
  /** startLine of each, ascending */
  lines: number[];
  byLine: Map<number, PyComment>;
}

/** Lines of the body after the docstring, trailing comments of the last statement included. */
function bodyRegion(fn: PyFunction, defLine: number, commentsByLine: ReadonlyMap<number, PyComment>, lines: LineIndex): BodyRegion {
  const firstStatement = fn.statements[0];
  const inline = firstStatement !== undefined && firstStatement.range.startLine === defLine;
  const firstLine = inline ? defLine : (fn.docstring ? fn.docstring.range.endLine : defLine) + 1;
  let lastLine = Math.max(fn.body.endLine, fn.statements.at(-1)?.range.endLine ?? defLine, fn.docstring?.range.endLine ?? defLine);
  // tree-sitter may hang a trailing comment on the next sibling: take comment lines that directly follow
  // and sit deeper than the `def`.
  const defColumn = fn.signature.startColumn;
  for (;;) {
    const next = commentsByLine.get(lastLine + 1);
    if (!next || next.range.startColumn <= defColumn || lines.lineText(lastLine + 1).trim() !== next.text.trim()) break;
    lastLine++;
  }
  return { firstLine, lastLine, inline };
}

function isDocstringStatement(fn: PyFunction, index: number): boolean {
  const s = fn.statements[index];
  return index === 0 && !!fn.docstring && !!s && s.range.startIndex <= fn.docstring.range.startIndex && s.range.endIndex >= fn.docstring.range.endIndex;
}

/** First index in a sorted array whose value is >= target. */
function lowerBound(values: readonly number[], target: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Functions in document order with, for each, the line ranges of the functions nested in it. */
function nestedRangesOf(functions: readonly PyFunction[]): Map<PyFunction, [number, number][]> {
  const ordered = [...functions].sort((a, b) => a.definition.startIndex - b.definition.startIndex);
  const out = new Map<PyFunction, [number, number][]>();
  for (let i = 0; i < ordered.length; i++) {
    const fn = ordered[i]!;
    const nested: [number, number][] = [];
    // nested definitions follow their parent in document order until one starts past its end
    for (let j = i + 1; j < ordered.length && ordered[j]!.definition.startIndex < fn.definition.endIndex; j++) {
      nested.push([ordered[j]!.definition.startLine, ordered[j]!.definition.endLine]);
    }
    out.set(fn, nested);
  }
  return out;
}

export function findStubs(parser: PythonParser, module: ParsedModule, options: FindStubsOptions = {}): Stub[] {
  const lines = new LineIndex(module.source);
  const list = [...module.comments].sort((a, b) => a.range.startIndex - b.range.startIndex);
  const comments: Comments = {
    list,
    starts: list.map((c) => c.range.startIndex),
    lines: list.map((c) => c.range.startLine),
    byLine: new Map(list.map((c) => [c.range.startLine, c])),
  };
  const nestedOf = nestedRangesOf(module.functions);
  const stubs: Stub[] = [];
  for (const fn of module.functions) {
    if (fn.qualifiedName.includes('<locals>') || isAbstract(fn)) continue;
    const defEnd = signatureEnd(fn, module.source, comments);
    const region = bodyRegion(fn, lines.lineOf(defEnd), comments.byLine, lines);
    const nested = nestedOf.get(fn) ?? [];
    const markers: Marker[] = [];
    for (let i = lowerBound(comments.lines, region.firstLine); i < list.length && comments.lines[i]! <= region.lastLine; i++) {
      const line = comments.lines[i]!;
      if (nested.some(([a, b]) => line >= a && line <= b)) continue;
      const marker = markerOf(list[i]!.text);
      if (marker) markers.push(marker);
    }
    const rest = fn.statements.filter((_, i) => !isDocstringStatement(fn, i));
    // only bodies with a marker, or of a single raise, can be stubs: the others are never read again
    const single = rest.length === 1 ? rest[0] : undefined;
    if (markers.length === 0 && single?.type !== 'raise_statement') continue;
    const inTree = options.tree && module.syntaxValid ? statementsInTree(options.tree.rootNode, fn, fn.statements.length - rest.length) : undefined;
    const evidence = inTree ? statementEvidence(inTree) : bodyEvidence(parser, statementsText(module.source, rest[0], region, lines), fn.isAsync);
    const verdict = judge(markers, evidence, single?.text ?? '');
    if (!verdict || (verdict.kind === 'uncertain' && !options.includeUncertain)) continue;
    let bodyStartLine = region.firstLine;
    while (!region.inline && bodyStartLine < region.lastLine && lines.isBlank(bodyStartLine)) bodyStartLine++;
    stubs.push({
      ...verdict,
      className: fn.className ?? null,
      method: fn.name,
      qualifiedName: fn.qualifiedName,
      isAsync: fn.isAsync,
      signatureLine: fn.signature.startLine,
      bodyStartLine,
      bodyEndLine: region.lastLine,
      replaceStart: region.inline ? defEnd : lines.lineStart(region.firstLine),
      replaceEnd: lines.lineEnd(region.lastLine),
      inlineBody: region.inline,
      bodyIndent: fn.bodyIndent,
      function: fn,
    });
  }
  return stubs;
}

/**
 * The source parsed once, and its stubs read from that parse and its tree (no body parsed again);
 * none for a source that does not parse (its module says why).
 */
export function findStubsIn(parser: PythonParser, source: string, options: Omit<FindStubsOptions, 'tree'> = {}): { module: ParsedModule; stubs: Stub[] } {
  return withAnyTree(parser, source, (root, module) => ({
    module,
    stubs: module.syntaxValid ? findStubs(parser, module, { ...options, tree: { rootNode: root as unknown as FileNode } }) : [],
  }));
}

/** The `onexgen stubs --json` shape (1-based lines). */
export function stubToJson(stub: Stub): Record<string, unknown> {
  return {
    class: stub.className,
    method: stub.method,
    async: stub.isAsync,
    kind: stub.kind,
    marker: stub.marker,
    reason: stub.reason,
    signatureLine: stub.signatureLine,
    bodyStartLine: stub.bodyStartLine,
    bodyEndLine: stub.bodyEndLine,
  };
}
