import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEMPLATES_DIR } from '../data-dir.js';
import { parseInput } from '../errors.js';
import { correlationSource } from './input-shape.js';
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
  /** the expression giving the caller's correlation id, '' when the signature provides none */
  correlation: string;
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
    correlation: correlationSource(method, input),
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
 * The import lines the fallback bodies rely on (templates/methods/imports.py); given a body, only
 * those whose bound names it uses (a compute body needs neither `time` nor `uuid4`). The
 * orchestrator adds the ones a node file lacks, the same way it does for generated code.
 */
export function fallbackImports(code?: string): string[] {
  imports ??= readFileSync(join(TEMPLATES_DIR, 'methods/imports.py'), 'utf8')
    .split('\n')
    .filter((line) => /^(import|from) /.test(line));
  if (code === undefined) return [...imports];
  return imports.filter((line) => boundNames(line).some((name) => new RegExp(`\\b${name}\\b`).test(code)));
}

/** `import time` → time; `from x import A, B as C` → A, C. */
function boundNames(line: string): string[] {
  const from = /^from\s+\S+\s+import\s+(.+)$/.exec(line);
  const names = from ? from[1]!.split(',') : line.replace(/^import\s+/, '').split(',');
  return names.map((n) => n.trim().split(/\s+as\s+/).pop()!.split('.')[0]!).filter(Boolean);
}
