// Closed vocabularies shared by the drizzle schema (CHECK constraints) and the zod inputs, so the
// database and the validator can never disagree about what a valid value is.

/** How the code of a generated method was produced. */
export const GENERATION_STRATEGIES = [
  'llm',
  'cache',
  'learned_template',
  'pattern',
  'retry',
  'template_fallback',
  'partial',
] as const;
export type GenerationStrategy = (typeof GENERATION_STRATEGIES)[number];

/** Strategies that mean the first LLM answer was not good enough (counted as fallbacks). */
export const FALLBACK_GENERATION_STRATEGIES = ['retry', 'template_fallback', 'partial'] as const;

export const ATTEMPT_STATUSES = ['success', 'error', 'timeout', 'cancelled'] as const;
export type AttemptStatus = (typeof ATTEMPT_STATUSES)[number];

/** Decisions fallback-strategies can take after a failed validation. */
export const FALLBACK_STRATEGIES = ['retry', 'escalate', 'template', 'partial', 'accept'] as const;
export type FallbackStrategy = (typeof FALLBACK_STRATEGIES)[number];

/** `'a', 'b'` for an SQL IN list; the values are compile-time constants, never user input. */
export function sqlList(values: readonly string[]): string {
  return values.map((v) => `'${v}'`).join(', ');
}
