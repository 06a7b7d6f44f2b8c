// Replaces stub bodies with generated code. Only the replaced ranges change (plus the import lines
// added to the import block); the result is parsed again and must be valid Python.
import type { PythonParser } from '@onexgen/response-validator';
import { OnexgenError } from '../errors.js';
import type { Stub } from './find-stubs.js';
import { importInsertionPoint, missingImports } from './imports.js';
import { LineIndex } from './lines.js';
import { indentBody, prepareBody } from './prepare-body.js';

export interface BodyInjection {
  stub: Stub;
  /** the method body (any indentation; a leading docstring is dropped when the stub has one) */
  code: string;
  /** import statements the code needs, e.g. ['import asyncio', 'from typing import Any'] */
  imports?: string[];
}

export interface InjectResult {
  source: string;
  addedImports: string[];
}

export function injectBodies(parser: PythonParser, source: string, injections: readonly BodyInjection[]): InjectResult {
  const eol = source.includes('\r\n') ? '\r\n' : '\n';
  const ordered = [...injections].sort((a, b) => b.stub.replaceStart - a.stub.replaceStart);
  for (let i = 1; i < ordered.length; i++) {
    if (ordered[i]!.stub.replaceEnd > ordered[i - 1]!.stub.replaceStart) {
      throw new OnexgenError('INJECTION_FAILED', `stubs ${ordered[i]!.stub.qualifiedName} and ${ordered[i - 1]!.stub.qualifiedName} overlap`);
    }
  }
  let out = source;
  for (const { stub, code } of ordered) {
    const body = indentBody(prepareBody(parser, code, { dropDocstring: true }), stub.bodyIndent, eol);
    const text = stub.inlineBody ? eol + body : body;
    out = out.slice(0, stub.replaceStart) + text + out.slice(stub.replaceEnd);
  }
  const before = parser.parse(out);
  const added = missingImports(parser, before, injections.flatMap((i) => i.imports ?? []));
  if (added.length > 0) {
    const point = importInsertionPoint(before, new LineIndex(out));
    const block = added.join(eol);
    out =
      point.offset < 0
        ? block + eol + eol + out
        : out.slice(0, point.offset) + eol + (point.leadingBlank ? eol : '') + block + out.slice(point.offset);
  }
  const after = parser.parse(out);
  if (!after.syntaxValid) {
    const first = after.syntaxErrors[0];
    throw new OnexgenError(
      'INJECTION_FAILED',
      `the file does not parse after injection${first ? ` (line ${first.line}: ${first.message})` : ''}`,
    );
  }
  return { source: out, addedImports: added };
}
