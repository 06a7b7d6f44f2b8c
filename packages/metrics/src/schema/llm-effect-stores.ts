// Tables behind llm-effect's pluggable stores: the response cache and budget spend, so both
// survive restarts and can be shared by many workers on one server.
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgTable, primaryKey, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';

export const responseCache = pgTable(
  'llm_response_cache',
  {
    keyHash: varchar('key_hash', { length: 128 }).primaryKey(),
    response: jsonb('response').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /** null = never expires */
    ttlMs: bigint('ttl_ms', { mode: 'number' }),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }),
    hits: integer('hits').notNull().default(0),
    lastHitAt: timestamp('last_hit_at', { withTimezone: true, mode: 'date' }),
    /**
     * The correlation id of the generation whose model call wrote the entry. Served only once a
     * llm_generation_metrics row with that id has committed, so a run killed between the cache
     * write and its generation leaves nothing that is read back. null: no generation (served as is).
     */
    generationId: uuid('generation_id'),
  },
  (t) => [
    index('idx_llm_response_cache_expires').on(t.expiresAt),
    check('llm_response_cache_ttl_ck', sql`${t.ttlMs} > 0`),
    check('llm_response_cache_hits_ck', sql`${t.hits} >= 0`),
  ],
);

export const budgetSpend = pgTable(
  'llm_budget_spend',
  {
    /** e.g. 'global', 'session:<id>', 'node:<name>' — chosen by llm-effect */
    scopeKey: varchar('scope_key', { length: 200 }).notNull(),
    /** e.g. '2026-11-23' for a daily budget, 'all' for a lifetime one */
    period: varchar('period', { length: 64 }).notNull(),
    spentMicroUsd: bigint('spent_micro_usd', { mode: 'number' }).notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'llm_budget_spend_pk', columns: [t.scopeKey, t.period] }),
    check('llm_budget_spend_spent_ck', sql`${t.spentMicroUsd} >= 0`),
  ],
);

/**
 * Budget pools set with `onexgen budget set` (per project, per team): they override the pools of the
 * configuration file field by field. Spend is kept in llm_budget_spend under 'pool:<name>'.
 */
export const budgetPools = pgTable(
  'llm_budget_pools',
  {
    name: varchar('name', { length: 100 }).primaryKey(),
    /** the pool this one shares with (lending happens between children of one parent) */
    parent: varchar('parent', { length: 100 }),
    /** 'day' | 'week' | 'month' | 'all' */
    period: varchar('period', { length: 16 }),
    limitMicroUsd: bigint('limit_micro_usd', { mode: 'number' }),
    /** 'hard': runs stop at the limit; 'soft': they move to cheaper tiers */
    mode: varchar('mode', { length: 8 }),
    /** on a parent: its children may spend what a sibling leaves unused */
    lend: boolean('lend'),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    check('llm_budget_pools_limit_ck', sql`${t.limitMicroUsd} >= 0`),
    check('llm_budget_pools_period_ck', sql`${t.period} in ('day', 'week', 'month', 'all')`),
    check('llm_budget_pools_mode_ck', sql`${t.mode} in ('hard', 'soft')`),
  ],
);
