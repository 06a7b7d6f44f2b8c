// One row per fallback decision: which strategy, why, after how many attempts, and whether it worked.
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { NODE_TYPES } from '@onexgen/onex';
import { FALLBACK_STRATEGIES, sqlList } from './vocabulary.js';

export const fallbackEvents = pgTable(
  'fallback_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    correlationId: uuid('correlation_id').notNull(),
    nodeType: varchar('node_type', { length: 50 }).notNull(),
    methodName: varchar('method_name', { length: 255 }).notNull(),
    strategy: varchar('strategy', { length: 32 }).notNull(),
    reason: text('reason').notNull(),
    /** model calls made before this decision (0 = none: offline, or no provider could answer) */
    attempts: integer('attempts').notNull(),
    success: boolean('success').notNull(),
    durationMs: doublePrecision('duration_ms').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    unique('fallback_events_correlation_method_attempts_uq').on(t.correlationId, t.methodName, t.attempts),
    index('idx_fallback_events_created').on(t.createdAt.desc()),
    index('idx_fallback_events_strategy').on(t.strategy),
    check('fallback_events_strategy_ck', sql.raw(`strategy IN (${sqlList(FALLBACK_STRATEGIES)})`)),
    check('fallback_events_node_type_ck', sql.raw(`node_type IN (${sqlList(NODE_TYPES)})`)),
    check('fallback_events_attempts_ck', sql`${t.attempts} >= 0`),
    check('fallback_events_duration_ck', sql`${t.durationMs} >= 0`),
  ],
);
