// Reads a spec file (YAML or JSON) and validates it; every error names the file, the field path and,
// for YAML syntax errors, the line.
import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { OnexgenError } from '../errors.js';
import { NodeSpecSchema, type NodeSpec } from '@onexgen/onex';

/** `operations[1].name` from zod's ['operations', 1, 'name'] */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(root)';
}

export function formatIssues(file: string, issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((i) => `${file}: ${formatPath(i.path)}: ${i.message}`).join('\n');
}

export function parseSpecText(text: string, file: string): NodeSpec {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    const line = first.linePos?.[0]?.line;
    throw new OnexgenError('SPEC_INVALID', `${file}${line ? `:${line}` : ''}: ${first.message.split('\n')[0]}`, {
      cause: first,
      where: file,
    });
  }
  const result = NodeSpecSchema.safeParse(doc.toJS());
  if (!result.success) {
    const first = result.error.issues[0];
    throw new OnexgenError('SPEC_INVALID', formatIssues(file, result.error.issues), {
      cause: result.error,
      where: first ? `${file}: ${formatPath(first.path)}` : file,
    });
  }
  return result.data;
}

export async function loadSpecFile(file: string): Promise<NodeSpec> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new OnexgenError('SPEC_NOT_FOUND', `${file}: cannot read the spec file (${(cause as Error).message})`, { cause, where: file });
  }
  return parseSpecText(text, file);
}
