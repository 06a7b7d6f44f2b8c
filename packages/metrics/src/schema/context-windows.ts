// Model capabilities and prices. Seeded by the app from llm-effect's catalog (this package never
// imports llm-effect), so reports can price and size calls without a second source of truth.
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, integer, pgTable, primaryKey, timestamp, varchar } from 'drizzle-orm/pg-core';

export const contextWindows = pgTable(
  'llm_context_windows',
  {
    provider: varchar('provider', { length: 100 }).notNull(),
    model: varchar('model', { length: 100 }).notNull(),
    tier: varchar('tier', { length: 50 }),
    contextWindow: integer('context_window').notNull(),
    maxOutputTokens: integer('max_output_tokens'),
    /** micro-USD per one million tokens */
    inputMicroUsdPerMTok: bigint('input_micro_usd_per_mtok', { mode: 'number' }).notNull().default(0),
    outputMicroUsdPerMTok: bigint('output_micro_usd_per_mtok', { mode: 'number' }).notNull().default(0),
    cachedInputMicroUsdPerMTok: bigint('cached_input_micro_usd_per_mtok', { mode: 'number' }),
    supportsStreaming: boolean('supports_streaming').notNull().default(false),
    isActive: boolean('is_active').notNull().default(true),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'llm_context_windows_pk', columns: [t.provider, t.model] }),
    check('llm_context_windows_context_ck', sql`${t.contextWindow} > 0`),
    check('llm_context_windows_max_output_ck', sql`${t.maxOutputTokens} > 0`),
    check(
      'llm_context_windows_price_ck',
      sql`${t.inputMicroUsdPerMTok} >= 0 AND ${t.outputMicroUsdPerMTok} >= 0 AND ${t.cachedInputMicroUsdPerMTok} >= 0`,
    ),
  ],
);
