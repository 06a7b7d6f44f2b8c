import { isPythonIdentifier } from '@onexgen/onex';
import { z } from 'zod';

// The method a fallback body is written for. Shaped like response-validator's PyFunction (what the
// orchestrator's stub finder produces), so one can be passed straight in; extra fields are ignored.

export const identifierSchema = z.string().refine(isPythonIdentifier, { message: 'must be a Python identifier (not a keyword)' });

const paramSchema = z.union([
  identifierSchema.transform((name) => ({ name, kind: 'positional' as string })),
  z.looseObject({ name: z.string().min(1), kind: z.string().default('positional'), annotation: z.string().optional() }),
]);

export const methodSpecSchema = z.looseObject({
  name: identifierSchema,
  signature: z.union([z.string(), z.looseObject({})]).optional(),
  /** the stub's docstring: its first line heads the generated body */
  docstring: z.union([z.string(), z.looseObject({ text: z.string() }).transform((doc) => doc.text)]).optional(),
  isAsync: z.boolean().default(true),
  params: z.array(paramSchema).default([]),
  returnAnnotation: z.string().optional(),
});

export type MethodSpec = z.input<typeof methodSpecSchema>;
export type ParsedMethod = z.output<typeof methodSpecSchema>;

/** The parameter the body reads its input from: the first one that is not self/cls or *args/**kwargs. */
export function inputParameter(method: ParsedMethod): string | undefined {
  const candidate = method.params.find(
    (param) => param.name !== 'self' && param.name !== 'cls' && !/^var_/.test(param.kind) && isPythonIdentifier(param.name),
  );
  return candidate?.name;
}

/** The docstring's first non-empty line, if any. */
export function docstringSummary(method: ParsedMethod): string | undefined {
  const text = method.docstring?.replace(/^[rRuU]?("""|''')|("""|''')$/g, '');
  return text?.split('\n').map((line) => line.trim()).find((line) => line.length > 0);
}
