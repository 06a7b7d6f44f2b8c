/**
 * Spend per budget scope key, in integer micro-dollars. Small and structural so that a
 * database-backed store (the metrics package) implements it without importing this package;
 * `addSpent` must be atomic there (UPDATE ... RETURNING) so that alerts fire once across workers.
 */
export interface BudgetStore {
  getSpent(scopeKey: string): Promise<number>;
  /** Adds and returns the new total. */
  addSpent(scopeKey: string, micros: number): Promise<number>;
}

export class MemoryBudgetStore implements BudgetStore {
  private readonly spent = new Map<string, number>();

  async getSpent(scopeKey: string): Promise<number> {
    return this.spent.get(scopeKey) ?? 0;
  }

  async addSpent(scopeKey: string, micros: number): Promise<number> {
    const total = (this.spent.get(scopeKey) ?? 0) + micros;
    this.spent.set(scopeKey, total);
    return total;
  }
}
