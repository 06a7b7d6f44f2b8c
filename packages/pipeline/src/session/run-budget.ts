// The run-level budget: every LLM attempt's cost and tokens are charged here; once either limit is
// reached no further call starts (calls in flight finish and are charged).
import { OnexgenError } from '../errors.js';

export class RunBudget {
  private costUsd = 0;
  private tokens = 0;

  constructor(private readonly limits: { maxCostUsd?: number; maxTokens?: number }) {}

  charge(costUsd: number, tokens: number): void {
    this.costUsd += costUsd;
    this.tokens += tokens;
  }

  get spent(): { costUsd: number; tokens: number } {
    return { costUsd: this.costUsd, tokens: this.tokens };
  }

  /** remaining dollars, or undefined when the run has no cost limit */
  get remainingUsd(): number | undefined {
    return this.limits.maxCostUsd === undefined ? undefined : Math.max(0, this.limits.maxCostUsd - this.costUsd);
  }

  /** throws BUDGET_EXHAUSTED before a call that the budget no longer allows */
  assertCanSpend(): void {
    const { maxCostUsd, maxTokens } = this.limits;
    if (maxCostUsd !== undefined && this.costUsd >= maxCostUsd) {
      throw new OnexgenError('BUDGET_EXHAUSTED', `the run's budget of $${maxCostUsd} is spent ($${this.costUsd.toFixed(4)})`);
    }
    if (maxTokens !== undefined && this.tokens >= maxTokens) {
      throw new OnexgenError('BUDGET_EXHAUSTED', `the run's budget of ${maxTokens} tokens is spent (${this.tokens})`);
    }
  }
}
