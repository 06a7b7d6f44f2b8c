// Typed errors: a stable code for programs, a message for a person, and the cause.

export type PatternLibraryErrorCode =
  | 'CATALOG_INVALID'
  | 'CATALOG_DUPLICATE_ID'
  | 'CATALOG_DIR_UNREADABLE'
  | 'DATA_INVALID'
  | 'CONTRACT_INVALID'
  | 'TEMPLATE_MISSING'
  | 'SIGNATURE_INVALID'
  | 'INPUT_INVALID'
  | 'TEMPLATE_HELD_SECRET';

export class PatternLibraryError extends Error {
  override readonly name = 'PatternLibraryError';
  constructor(
    readonly code: PatternLibraryErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Formats zod issues as `path: message` lines so the person sees which field is wrong. */
export function describeZodIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .map((issue) => `${issue.path.length ? issue.path.map(String).join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}
