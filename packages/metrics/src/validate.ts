// zod at the boundary: parse, or throw an InvalidRecordError naming every offending field.
import type { z } from 'zod';
import { InvalidRecordError } from './errors.js';

export function parseOrThrow<T extends z.ZodType>(schema: T, what: string, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new InvalidRecordError(
    what,
    result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  );
}
