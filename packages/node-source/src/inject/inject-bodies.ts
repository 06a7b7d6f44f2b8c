// Replaces stub bodies with generated code. Only the replaced ranges change (plus the import lines
// added to the import block); the result must be valid Python, checked by a parse. The output is
// assembled from slices in one pass, so time is linear in the file's size whatever the number of stubs.
import type { ParsedFragment, PythonParser } from '@onexgen/response-validator';
import { NodeSourceError } from '../errors.js';
import type { Stub } from '../stubs/find-stubs.js';
import { changedDefinitions, standalone, type ChangedDefinition } from './changed-definitions.js';
import { injectionBase, type InjectionBase } from './injection-base.js';
import { mergeImportsInto, planImports, type ImportPlan } from './imports.js';
import { lineEndingOf } from './lines.js';
import { indentBody, prepareBody } from './prepare-body.js';

export interface BodyInjection {
  stub: Stub;
  /** the method body (any indentation; a leading docstring is dropped when the stub has one) */
  code: string;
  /** import statements the code needs, e.g. ['import asyncio', 'from typing import Any'] */
  imports?: string[];
  /** `code` already parsed as a fragment (its validation's parse): used instead of a parse when it read this very text */
  parsed?: ParsedFragment;
}

export interface InjectResult {
  source: string;
  addedImports: string[];
}

export interface InjectOptions {
  /**
   * Check the result by parsing it whole even where parsing the changed definitions would do: for a
   * caller that parses the whole result next anyway (a generated file's import tidy) with a parser
   * that remembers recent parses (rememberParses), the check's parse is then the one it reads.
   */
  checkWhole?: boolean;
}

/**
 * Injects the bodies and adds the imports they need. `original`: what injection needs of `source`'s
 * parse (injectionBase of the parse its stubs were found in). With it, the result is checked by parsing only the
 * definitions whose bodies changed (and the import block when lines are added), so checking costs
 * what the change costs, not the file's size (changed-definitions.ts says why that is enough);
 * without it, or where that rule does not apply, the whole result is parsed.
 */
export function injectBodies(parser: PythonParser, source: string, injections: readonly BodyInjection[], original?: InjectionBase, options: InjectOptions = {}): InjectResult {
  const eol = lineEndingOf(source);
  const ordered = [...injections].sort((a, b) => a.stub.replaceStart - b.stub.replaceStart);
  for (let i = 1; i < ordered.length; i++) {
    if (ordered[i]!.stub.replaceStart < ordered[i - 1]!.stub.replaceEnd) {
      throw new NodeSourceError('INJECTION_FAILED', `stubs ${ordered[i - 1]!.stub.qualifiedName} and ${ordered[i]!.stub.qualifiedName} overlap`);
    }
  }
  const edits: Edit[] = ordered.map(({ stub, code, parsed }) => {
    const body = indentBody(prepareBody(parser, code, { dropDocstring: true }, parsed), stub.bodyIndent, eol);
    return { start: stub.replaceStart, end: stub.replaceEnd, text: stub.inlineBody ? eol + body : body };
  });
  const wanted = injections.flatMap((i) => i.imports ?? []);
  const definitions = original && original.source === source ? changedDefinitions(original, ordered.map((i) => i.stub)) : undefined;
  if (original && definitions) {
    const plan = planImports(parser, source, original, wanted, edits.map((e) => [e.start, e.end]));
    // lines that cannot be checked with the text up to them alone need the whole-file parse
    if (!plan || plan.afterStatement) return injectChecked(parser, source, edits, options.checkWhole ? 'whole' : definitions, plan, eol);
  }
  return injectWholeFileChecked(parser, source, edits, wanted);
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** `source` with the edits applied (ascending, not overlapping), assembled in one pass. */
function applyEdits(source: string, edits: readonly Edit[]): string {
  const pieces: string[] = [];
  let cursor = 0;
  for (const e of edits) {
    pieces.push(source.slice(cursor, e.start), e.text);
    cursor = e.end;
  }
  pieces.push(source.slice(cursor));
  return pieces.join('');
}

/** Where an offset of the unedited source is after the edits (no edit straddles it). */
function shifted(edits: readonly Edit[], offset: number): number {
  let out = offset;
  for (const e of edits) if (e.start < offset) out += e.text.length - (e.end - e.start);
  return out;
}

/** The bodies' edits plus the planned import lines, checked by parsing only what changed (or the whole result: 'whole'). */
function injectChecked(
  parser: PythonParser,
  source: string,
  bodyEdits: readonly Edit[],
  definitions: readonly ChangedDefinition[] | 'whole',
  plan: ImportPlan | undefined,
  eol: string,
): InjectResult {
  const edits = plan ? [...bodyEdits, { start: plan.offset, end: plan.offset, text: plan.text }].sort((a, b) => a.start - b.start) : bodyEdits;
  const out = applyEdits(source, edits);
  if (definitions === 'whole') {
    requireValid(parser.parse(out), 0, out);
    return { source: out, addedImports: plan?.added ?? [] };
  }
  if (plan) requireValid(parser.parse(out.slice(0, shifted(edits, plan.offset) + plan.text.length)), 0, out);
  const check = ({ start, end, depth }: ChangedDefinition): void => {
    const from = shifted(edits, start);
    const part = standalone(out.slice(from, shifted(edits, end)), depth, eol);
    requireValid(parser.parse(part.source), from, out, part.headerLines);
  };
  for (const definition of definitions) {
    try {
      check(definition);
    } catch (err) {
      // a span of several methods that is refused: the verdict is theirs, each alone
      if (!definition.each) throw err;
      definition.each.forEach(check);
    }
  }
  return { source: out, addedImports: plan?.added ?? [] };
}

/** The injection checked by parsing the whole result (the import lines found from that parse). */
function injectWholeFileChecked(parser: PythonParser, source: string, edits: readonly Edit[], wanted: readonly string[]): InjectResult {
  const injected = applyEdits(source, edits);
  // one whole-file parse: it finds the missing imports and checks the result; import lines added
  // between two whole statements are checked with the text up to them only
  const parsed = parser.parse(injected);
  const merged = parsed.syntaxValid ? mergeImportsInto(parser, injected, injectionBase(parsed), wanted) : { source: injected, added: [] };
  const out = merged.source;
  requireValid(merged.added.length > 0 ? parseMerged(parser, out, merged.wholeStatementsEnd) : parsed, 0, out);
  return { source: out, addedImports: merged.added };
}

/**
 * Throws INJECTION_FAILED naming the first error: `from` is where the parsed text starts in `out`,
 * after `headerLines` lines that are not in `out`.
 */
function requireValid(parsed: { syntaxValid: boolean; syntaxErrors: { line: number; message: string }[] }, from: number, out: string, headerLines = 0): void {
  if (parsed.syntaxValid) return;
  const first = parsed.syntaxErrors[0];
  const line = first ? first.line - headerLines + lineNumberAt(out, from) - 1 : 0;
  throw new NodeSourceError('INJECTION_FAILED', `the file does not parse after injection${first ? ` (line ${line}: ${first.message})` : ''}`);
}

function lineNumberAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** The merged file's syntax verdict: from the text up to the added imports when that settles it, else the whole file. */
function parseMerged(parser: PythonParser, out: string, wholeStatementsEnd: number | undefined): { syntaxValid: boolean; syntaxErrors: { line: number; message: string }[] } {
  if (wholeStatementsEnd !== undefined) {
    const head = parser.parse(out.slice(0, wholeStatementsEnd));
    if (head.syntaxValid) return head;
  }
  return parser.parse(out);
}
