import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEMPLATES_DIR } from '../data-dir.js';
import { parseInput } from '../errors.js';
import { docstringSummary, inputParameter, methodSpecSchema } from './method-spec.js';
import type { MethodSpec, ParsedMethod } from './method-spec.js';
import { pyString } from '@onexgen/onex';
import { commentText, docstringLine } from './python-text.js';

/** The values every method template uses, each already safe to insert into Python source. */
export interface MethodView {
  method: ParsedMethod;
  name: string;
  nameLiteral: string;
  /** the input parameter's name, or '' when the method takes none */
  input: string;
  inputLiteral: string;
  /** 'await ' inside async methods, '' otherwise */
  await: string;
  asyncWith: string;
  /** why generation fell back, as one comment-safe line */
  reason: string;
  reasonLiteral: string;
  /** the reason escaped for the inside of a docstring */
  reasonDoc: string;
  summary: string;
}

export function methodView(spec: MethodSpec, reason: string, argument = 'method'): MethodView {
  const method = parseInput(methodSpecSchema, spec, argument);
  const input = inputParameter(method) ?? '';
  const why = commentText(reason || 'generation failed', 200);
  return {
    method,
    name: method.name,
    nameLiteral: pyString(method.name),
    input,
    inputLiteral: pyString(input),
    await: method.isAsync ? 'await ' : '',
    asyncWith: method.isAsync ? 'async with' : 'with',
    reason: why,
    reasonLiteral: pyString(why),
    reasonDoc: docstringLine(why, 200),
    summary: docstringLine(docstringSummary(method) ?? `${method.name}: written by onexgen as a fallback.`),
  };
}

let imports: string[] | undefined;

/**
 * The import lines the fallback bodies rely on (templates/methods/imports.py). The orchestrator adds
 * the ones a node file lacks, the same way it does for generated code.
 */
export function fallbackImports(): string[] {
  imports ??= readFileSync(join(TEMPLATES_DIR, 'methods/imports.py'), 'utf8')
    .split('\n')
    .filter((line) => /^(import|from) /.test(line));
  return [...imports];
}
