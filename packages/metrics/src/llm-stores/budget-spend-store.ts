// Budget spend per (scope, period) in the database, so llm-effect's budgets survive restarts and
// are shared by every worker on one server. addSpend is one atomic upsert: concurrent adds never
// lose an increment.
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DatabaseHandle } from '../db/open-database.js';
import { budgetSpend } from '../schema/llm-effect-stores.js';
import { parseOrThrow as check } from '../validate.js';

export interface BudgetSpendStore {
  /** Micro-USD spent in the scope for the period (0 when nothing was recorded). */
  getSpend(scopeKey: string, period: string): Promise<number>;
  /** Adds micro-USD and returns the new total. */
  addSpend(scopeKey: string, period: string, microUsd: number): Promise<number>;
}

const scopeSchema = z.string().min(1).max(200);
const periodSchema = z.string().min(1).max(64);
const amountSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export function createBudgetSpendStore(handle: DatabaseHandle): BudgetSpendStore {
  const { db } = handle;
  const b = budgetSpend;
  return {
    async getSpend(scopeKey, period) {
      const scope = check(scopeSchema, 'budget scopeKey', scopeKey);
      const p = check(periodSchema, 'budget period', period);
      const rows = await db
        .select({ spent: b.spentMicroUsd })
        .from(b)
        .where(and(eq(b.scopeKey, scope), eq(b.period, p)));
      return rows[0]?.spent ?? 0;
    },
    async addSpend(scopeKey, period, microUsd) {
      const scope = check(scopeSchema, 'budget scopeKey', scopeKey);
      const p = check(periodSchema, 'budget period', period);
      const amount = check(amountSchema, 'budget microUsd', microUsd);
      const rows = await db
        .insert(b)
        .values({ scopeKey: scope, period: p, spentMicroUsd: amount })
        .onConflictDoUpdate({
          target: [b.scopeKey, b.period],
          set: { spentMicroUsd: sql`${b.spentMicroUsd} + excluded.spent_micro_usd`, updatedAt: sql`now()` },
        })
        .returning({ spent: b.spentMicroUsd });
      return Number(rows[0]?.spent ?? 0);
    },
  };
}
