// Budget pools set with `onexgen budget set`, kept in the database so every run and worker sees
// them; they override the configuration file's pools field by field.
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DatabaseHandle } from '../db/open-database.js';
import { budgetPools } from '../schema/llm-effect-stores.js';
import { parseOrThrow as check } from '../validate.js';

export interface StoredPool {
  name: string;
  parent?: string;
  period?: 'day' | 'week' | 'month' | 'all';
  amountUsd?: number;
  mode?: 'hard' | 'soft';
  lend?: boolean;
  updatedAt: Date;
}

const poolInput = z
  .object({
    name: z.string().min(1).max(100).regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . -'),
    parent: z.string().min(1).max(100).optional(),
    period: z.enum(['day', 'week', 'month', 'all']).optional(),
    amountUsd: z.number().nonnegative().max(1e9).optional(),
    mode: z.enum(['hard', 'soft']).optional(),
    lend: z.boolean().optional(),
  })
  .strict();
export type PoolInput = z.input<typeof poolInput>;

export interface BudgetPoolStore {
  list(): Promise<StoredPool[]>;
  /** Sets the given fields of a pool (creating it); the others keep their stored value. */
  set(input: PoolInput): Promise<StoredPool>;
}

type Row = typeof budgetPools.$inferSelect;

function toPool(r: Row): StoredPool {
  return {
    name: r.name,
    ...(r.parent !== null ? { parent: r.parent } : {}),
    ...(r.period !== null ? { period: r.period as StoredPool['period'] } : {}),
    ...(r.limitMicroUsd !== null ? { amountUsd: r.limitMicroUsd / 1e6 } : {}),
    ...(r.mode !== null ? { mode: r.mode as StoredPool['mode'] } : {}),
    ...(r.lend !== null ? { lend: r.lend } : {}),
    updatedAt: r.updatedAt,
  };
}

export function createBudgetPoolStore(handle: DatabaseHandle): BudgetPoolStore {
  const { db } = handle;
  const p = budgetPools;
  return {
    async list() {
      return (await db.select().from(p).orderBy(p.name)).map(toPool);
    },
    async set(input) {
      const v = check(poolInput, 'budget pool', input);
      const values = {
        name: v.name,
        ...(v.parent !== undefined ? { parent: v.parent } : {}),
        ...(v.period !== undefined ? { period: v.period } : {}),
        ...(v.amountUsd !== undefined ? { limitMicroUsd: Math.round(v.amountUsd * 1e6) } : {}),
        ...(v.mode !== undefined ? { mode: v.mode } : {}),
        ...(v.lend !== undefined ? { lend: v.lend } : {}),
      };
      const { name: _name, ...changes } = values;
      const [row] = await db
        .insert(p)
        .values(values)
        .onConflictDoUpdate({ target: p.name, set: { ...changes, updatedAt: sql`now()` } })
        .returning();
      return toPool(row!);
    },
  };
}
