// Reads a spec file (YAML or JSON) and validates it; every error names the file, the field path and,
// for YAML syntax errors, the line.
import { open } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { OnexgenError } from '../errors.js';
import { NodeSpecSchema, type NodeSpec } from '@onexgen/onex';
import { loadPythonParser } from '@onexgen/response-validator';
import { checkSignatures } from './check-signatures.js';
import { findBoundViolation, SPEC_BOUNDS } from './spec-bounds.js';

/** `operations[1].name` from zod's ['operations', 1, 'name'] */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(root)';
}

/**
 * zod reports a value that matches no branch of a union (`- name` or `- { name: … }`) as one
 * "Invalid input" at the union. The branch the value was written for is the one that got past the
 * type check; its issues name the field and the rule (`operations[1].name: must be a Python identifier`).
 */
function specific(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [issue];
  const typeMismatch = (branch: z.core.$ZodIssue[]) => branch.every((i) => i.code === 'invalid_type' && i.path.length === 0);
  const branch = issue.errors.find((b) => b.length > 0 && !typeMismatch(b));
  if (!branch) return [issue];
  return branch.flatMap((i) => specific({ ...i, path: [...issue.path, ...i.path] } as z.core.$ZodIssue));
}

export function formatIssues(file: string, issues: readonly z.core.$ZodIssue[]): string {
  return issues.flatMap(specific).map((i) => `${file}: ${formatPath(i.path)}: ${i.message}`).join('\n');
}

/** `shape` turns the document into spec fields first (a generated contract.yaml, see contract-spec.ts). */
export function parseSpecText(text: string, file: string, shape?: (data: unknown) => unknown): NodeSpec {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    const line = first.linePos?.[0]?.line;
    throw new OnexgenError('SPEC_INVALID', `${file}${line ? `:${line}` : ''}: ${first.message.split('\n')[0]}`, {
      cause: first,
      where: file,
    });
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: SPEC_BOUNDS.maxAliases });
  } catch (cause) {
    // yaml throws a ReferenceError for an alias bomb ("Excessive alias count …").
    throw new OnexgenError('SPEC_INVALID', `${file}: ${(cause as Error).message.split('\n')[0]} (at most ${SPEC_BOUNDS.maxAliases} aliases are resolved)`, { cause, where: file });
  }
  if (shape) data = shape(data);
  const violation = findBoundViolation(data, formatPath);
  if (violation) {
    throw new OnexgenError('SPEC_INVALID', `${file}: ${violation.path}: ${violation.message}`, { where: `${file}: ${violation.path}` });
  }
  const result = NodeSpecSchema.safeParse(data);
  if (!result.success) {
    const first = result.error.issues.flatMap(specific)[0];
    throw new OnexgenError('SPEC_INVALID', formatIssues(file, result.error.issues), {
      cause: result.error,
      where: first ? `${file}: ${formatPath(first.path)}` : file,
    });
  }
  return result.data;
}

export async function loadSpecFile(file: string, shape?: (data: unknown) => unknown): Promise<NodeSpec> {
  let text: string;
  try {
    // Read at most one byte past the bound: a huge file is refused without being read whole.
    const handle = await open(file, 'r');
    try {
      const buffer = Buffer.alloc(SPEC_BOUNDS.maxBytes + 1);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      if (bytesRead > SPEC_BOUNDS.maxBytes) {
        throw new OnexgenError('SPEC_INVALID', `${file}: the spec file is larger than ${SPEC_BOUNDS.maxBytes} bytes; a node spec is a few KB`, { where: file });
      }
      text = buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
  } catch (cause) {
    if (cause instanceof OnexgenError) throw cause;
    throw new OnexgenError('SPEC_NOT_FOUND', `${file}: cannot read the spec file (${(cause as Error).message})`, { cause, where: file });
  }
  const spec = parseSpecText(text, file, shape);
  // Signatures are pasted into node.py: they are checked as signatures by the real parser.
  if ((spec.methods ?? []).some((m) => m.signature)) checkSignatures(await loadPythonParser(), file, spec);
  return spec;
}
