import type { z } from 'zod';

/** A provider answer that does not match its wire schema (retryable: proxies and outages garble bodies). */
export class WireFormatError extends Error {
  readonly code = 'LLM_WIRE_FORMAT';
}

/** zod at the wire: a changed or broken provider format fails loudly, naming the field. */
export function parseWire<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new WireFormatError(`unexpected ${what}: ${issue?.path.join('.') || '(root)'} ${issue?.message ?? ''}`.trim());
  }
  return result.data;
}
