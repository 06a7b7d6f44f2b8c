// Typed errors: a stable code for programs, a message for a person, and the cause.

export type ContextBuilderErrorCode =
  | 'INPUT_INVALID'
  | 'DATA_INVALID'
  | 'TEMPLATE_MISSING'
  | 'TEMPLATE_INVALID'
  | 'ENCODING_UNKNOWN'
  | 'BUDGET_INVALID'
  | 'PROTECTED_OVER_BUDGET'
  | 'REFERENCE_UNREADABLE'
  | 'COUNTER_DISPOSED'
  | 'PROMPT_OVER_BOUND';

export class ContextBuilderError extends Error {
  override readonly name: string = 'ContextBuilderError';
  constructor(
    readonly code: ContextBuilderErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * The never-cut part of the context (P0 sections plus critical patterns) does not fit the budget.
 * Carries the sizes so the caller can pick a bigger model or a smaller spec instead of guessing.
 */
export class ProtectedOverBudgetError extends ContextBuilderError {
  override readonly name = 'ProtectedOverBudgetError';
  constructor(
    readonly budget: number,
    readonly protectedTokens: number,
    readonly sizes: Readonly<Record<string, number>>,
  ) {
    const parts = Object.entries(sizes)
      .map(([id, tokens]) => `${id} ${tokens}`)
      .join(', ');
    super(
      'PROTECTED_OVER_BUDGET',
      `the parts that are never cut need ${protectedTokens} tokens but the budget is ${budget} (${parts}); ` +
        'raise the budget, choose a model with a larger context window, or shorten the spec/method docstring',
    );
  }
}

/** Formats zod issues as `path: message` so the person sees which field is wrong. */
export function describeZodIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .map((issue) => `${issue.path.length ? issue.path.map(String).join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}
