// A method's share of the spend: the tokens and micro-dollars all attempts at one method may use
// before the attempt loop stops re-asking and writes a fallback body instead. Unlike a scope's
// budget (tracker.ts) it refuses no call: the fallback policy reads it to decide whether one more
// attempt fits. llm-effect owns the numbers and their defaults; a person's dollars come in once here.
import { usdToMicros, type MicroUsd } from '@onexgen/onex';

export interface MethodBudget {
  /** prompt + completion tokens across all attempts at one method */
  maxTokens: number;
  /** cost across all attempts at one method, in integer micro-dollars */
  maxCostMicros: MicroUsd;
}

export const DEFAULT_METHOD_BUDGET: Readonly<MethodBudget> = Object.freeze({ maxTokens: 30_000, maxCostMicros: 100_000 });

/** The method's budget: a spec's per-method limits (tokens, dollars) over the defaults. */
export function methodBudget(limits: { maxTokens?: number | undefined; maxCostUsd?: number | undefined } = {}): MethodBudget {
  return {
    maxTokens: limits.maxTokens ?? DEFAULT_METHOD_BUDGET.maxTokens,
    maxCostMicros: limits.maxCostUsd === undefined ? DEFAULT_METHOD_BUDGET.maxCostMicros : usdToMicros(limits.maxCostUsd),
  };
}
