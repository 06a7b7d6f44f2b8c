// Replaces stub bodies with generated code. Only the replaced ranges change (plus the import lines
// added to the import block); the result is parsed again and must be valid Python. The output is
// assembled from slices in one pass, so time is linear in the file's size whatever the number of stubs.
import type { ParsedFragment, PythonParser } from '@onexgen/response-validator';
import { NodeSourceError } from '../errors.js';
import type { Stub } from '../stubs/find-stubs.js';
import { mergeImportsInto } from './imports.js';
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

export function injectBodies(parser: PythonParser, source: string, injections: readonly BodyInjection[]): InjectResult {
  const eol = lineEndingOf(source);
  const ordered = [...injections].sort((a, b) => a.stub.replaceStart - b.stub.replaceStart);
  for (let i = 1; i < ordered.length; i++) {
    if (ordered[i]!.stub.replaceStart < ordered[i - 1]!.stub.replaceEnd) {
      throw new NodeSourceError('INJECTION_FAILED', `stubs ${ordered[i - 1]!.stub.qualifiedName} and ${ordered[i]!.stub.qualifiedName} overlap`);
    }
  }
  const pieces: string[] = [];
  let cursor = 0;
  for (const { stub, code, parsed } of ordered) {
    const body = indentBody(prepareBody(parser, code, { dropDocstring: true }, parsed), stub.bodyIndent, eol);
    pieces.push(source.slice(cursor, stub.replaceStart), stub.inlineBody ? eol + body : body);
    cursor = stub.replaceEnd;
  }
  pieces.push(source.slice(cursor));
  const injected = pieces.join('');
  // one whole-file parse: it finds the missing imports and checks the result; import lines added
  // between two whole statements are checked with the text up to them only
  const parsed = parser.parse(injected);
  const merged = parsed.syntaxValid ? mergeImportsInto(parser, injected, parsed, injections.flatMap((i) => i.imports ?? [])) : { source: injected, added: [] };
  const out = merged.source;
  const after = merged.added.length > 0 ? parseMerged(parser, out, merged.wholeStatementsEnd) : parsed;
  if (!after.syntaxValid) {
    const first = after.syntaxErrors[0];
    throw new NodeSourceError(
      'INJECTION_FAILED',
      `the file does not parse after injection${first ? ` (line ${first.line}: ${first.message})` : ''}`,
    );
  }
  return { source: out, addedImports: merged.added };
}

/** The merged file's syntax verdict: from the text up to the added imports when that settles it, else the whole file. */
function parseMerged(parser: PythonParser, out: string, wholeStatementsEnd: number | undefined): { syntaxValid: boolean; syntaxErrors: { line: number; message: string }[] } {
  if (wholeStatementsEnd !== undefined) {
    const head = parser.parse(out.slice(0, wholeStatementsEnd));
    if (head.syntaxValid) return head;
  }
  return parser.parse(out);
}
