// The spec that accompanies a reference node file: what the node is, so that similar nodes can be
// found, plus hand-written adaptation guidance and pitfalls to pass on.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { ContextBuilderError, describeZodIssues } from '../errors.js';
import { nodeTypeSchema } from '@onexgen/onex';

export const ReferenceSpecSchema = z.object({
  name: z.string().min(1),
  nodeType: nodeTypeSchema,
  features: z.array(z.string()).default([]),
  description: z.string().default(''),
  guidance: z.array(z.string()).default([]),
  pitfalls: z.array(z.string()).default([]),
});
export type ReferenceSpec = z.output<typeof ReferenceSpecSchema>;
export type ReferenceSpecInput = z.input<typeof ReferenceSpecSchema>;

/** Reads a YAML or JSON spec file (JSON is YAML) and validates it, naming the file and field. */
export function readReferenceSpec(path: string): ReferenceSpec {
  let raw: unknown;
  try {
    raw = parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new ContextBuilderError('REFERENCE_UNREADABLE', `cannot read reference spec ${path}`, { cause });
  }
  return validateReferenceSpec(raw, path);
}

export function validateReferenceSpec(raw: unknown, where: string): ReferenceSpec {
  const result = ReferenceSpecSchema.safeParse(raw);
  if (!result.success) {
    throw new ContextBuilderError('INPUT_INVALID', `${where}: ${describeZodIssues(result.error.issues)}`, { cause: result.error });
  }
  return result.data;
}
