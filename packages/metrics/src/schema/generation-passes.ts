// One row per extra pass a strategy makes for a method besides the attempt loop's code answers:
// multi-pass plans and self-reviews, and cross-model reviews of accepted code — each with what it
// cost, so a strategy's price is visible next to what it bought.
import { sql } from 'drizzle-orm';
import { bigint, check, doublePrecision, index, integer, jsonb, pgTable, timestamp, unique, uuid, varchar } from 'drizzle-orm/pg-core';
import { sqlList } from './vocabulary.js';

/** plan → code → self-review (multi-pass); review (a second model judging accepted code). */
export const GENERATION_PASS_KINDS = ['plan', 'code', 'self-review', 'review'] as const;
export type GenerationPassKind = (typeof GENERATION_PASS_KINDS)[number];

export const generationPasses = pgTable(
  'generation_passes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    correlationId: uuid('correlation_id').notNull(),
    sessionId: uuid('session_id'),
    methodName: varchar('method_name', { length: 255 }).notNull(),
    /** 1-based order of the pass within the method */
    passNumber: integer('pass_number').notNull(),
    kind: varchar('kind', { length: 16 }).notNull(),
    provider: varchar('provider', { length: 100 }),
    model: varchar('model', { length: 100 }).notNull(),
    tokensInput: integer('tokens_input').notNull(),
    tokensOutput: integer('tokens_output').notNull(),
    costMicroUsd: bigint('cost_micro_usd', { mode: 'number' }).notNull(),
    latencyMs: doublePrecision('latency_ms').notNull(),
    /** what the pass produced that matters later: a plan's steps, a review's verdict and issues */
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    unique('generation_passes_correlation_method_pass_uq').on(t.correlationId, t.methodName, t.passNumber),
    index('idx_generation_passes_correlation').on(t.correlationId),
    check('generation_passes_kind_ck', sql.raw(`kind IN (${sqlList(GENERATION_PASS_KINDS)})`)),
    check('generation_passes_numbers_ck', sql`${t.passNumber} >= 1 AND ${t.tokensInput} >= 0 AND ${t.tokensOutput} >= 0 AND ${t.costMicroUsd} >= 0 AND ${t.latencyMs} >= 0`),
  ],
);
