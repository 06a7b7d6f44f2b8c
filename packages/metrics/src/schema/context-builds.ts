// One row per context build: how long it took, where the tokens went, what had to be cut.
import { sql } from 'drizzle-orm';
import {
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  timestamp,
  unique,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { NODE_TYPES } from '@onexgen/onex';
import { sqlList } from './vocabulary.js';

export const contextBuilds = pgTable(
  'context_builds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    correlationId: uuid('correlation_id').notNull(),
    attempt: integer('attempt').notNull().default(1),
    nodeType: varchar('node_type', { length: 50 }).notNull(),
    methodName: varchar('method_name', { length: 255 }).notNull(),
    buildMs: doublePrecision('build_ms').notNull(),
    totalTokens: integer('total_tokens').notNull(),
    budgetTokens: integer('budget_tokens').notNull(),
    /** { sectionName: tokens } */
    tokensPerSection: jsonb('tokens_per_section').$type<Record<string, number>>().notNull(),
    truncatedSections: jsonb('truncated_sections').$type<string[]>().notNull().default([]),
    patternsIncluded: integer('patterns_included').notNull().default(0),
    patternsAvailable: integer('patterns_available').notNull().default(0),
    referencesIncluded: integer('references_included').notNull().default(0),
    referencesAvailable: integer('references_available').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    unique('context_builds_correlation_method_attempt_uq').on(t.correlationId, t.methodName, t.attempt),
    index('idx_context_builds_created').on(t.createdAt.desc()),
    check('context_builds_node_type_ck', sql.raw(`node_type IN (${sqlList(NODE_TYPES)})`)),
    check('context_builds_attempt_ck', sql`${t.attempt} >= 1`),
    check('context_builds_build_ms_ck', sql`${t.buildMs} >= 0`),
    check('context_builds_tokens_ck', sql`${t.totalTokens} >= 0 AND ${t.budgetTokens} > 0`),
    check(
      'context_builds_patterns_ck',
      sql`${t.patternsIncluded} >= 0 AND ${t.patternsIncluded} <= ${t.patternsAvailable}`,
    ),
    check(
      'context_builds_references_ck',
      sql`${t.referencesIncluded} >= 0 AND ${t.referencesIncluded} <= ${t.referencesAvailable}`,
    ),
  ],
);
