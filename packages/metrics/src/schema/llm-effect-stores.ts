// Tables behind llm-effect's pluggable stores: the response cache and budget spend, so both
// survive restarts and can be shared by many workers on one server.
import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, primaryKey, timestamp, varchar } from 'drizzle-orm/pg-core';

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
