import type { ZodType } from 'zod';

export type FallbackErrorCode = 'INVALID_INPUT' | 'TEMPLATE_UNREADABLE' | 'PARTIAL_UNSUPPORTED';

/** Every error this package throws: a code to branch on, a message for a person, the cause. */
export class FallbackError extends Error {
  override readonly name = 'FallbackError';
  readonly code: FallbackErrorCode;

  constructor(code: FallbackErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/**
 * Parses an input boundary with zod; a failure names the argument and the path of every bad field
 * (e.g. `policy.budget.maxTokens: Too small`), never a bare zod dump.
 */
export function parseInput<T>(schema: ZodType<T>, value: unknown, argument: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details = result.error.issues
    .map((issue) => `${[argument, ...issue.path.map(String)].join('.')}: ${issue.message}`)
    .join('; ');
  throw new FallbackError('INVALID_INPUT', `invalid ${argument}: ${details}`, { cause: result.error });
}
