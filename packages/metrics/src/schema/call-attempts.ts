// One row per provider attempt (llm-effect emits an event per attempt; the app records it here).
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  pgTable,
  timestamp,
  unique,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { NODE_TYPES } from '@onexgen/onex';
import { ATTEMPT_STATUSES, sqlList } from './vocabulary.js';

export const callAttempts = pgTable(
  'llm_call_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    correlationId: uuid('correlation_id').notNull(),
    /** 1-based number of the LLM call within the correlation (an app retry loop makes several). */
    callNumber: integer('call_number').notNull().default(1),
    /** 1-based ordinal of the attempt within the call (across retries and providers). */
    attempt: integer('attempt').notNull(),
    retryNumber: integer('retry_number').notNull().default(0),
    nodeType: varchar('node_type', { length: 50 }),
    provider: varchar('provider', { length: 100 }).notNull(),
    model: varchar('model', { length: 100 }).notNull(),
    tier: varchar('tier', { length: 50 }),
    status: varchar('status', { length: 20 }).notNull(),
    errorClass: varchar('error_class', { length: 100 }),
    httpStatus: integer('http_status'),
    latencyMs: doublePrecision('latency_ms').notNull(),
    timeToFirstTokenMs: doublePrecision('time_to_first_token_ms'),
    tokensInput: integer('tokens_input').notNull().default(0),
    tokensOutput: integer('tokens_output').notNull().default(0),
    tokensCached: integer('tokens_cached').notNull().default(0),
    tokensReasoning: integer('tokens_reasoning').notNull().default(0),
    costMicroUsd: bigint('cost_micro_usd', { mode: 'number' }).notNull().default(0),
    cacheHit: boolean('cache_hit').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    unique('llm_call_attempts_correlation_call_attempt_uq').on(t.correlationId, t.callNumber, t.attempt),
    index('idx_llm_attempts_created').on(t.createdAt.desc()),
    index('idx_llm_attempts_provider_created').on(t.provider, t.createdAt),
    index('idx_llm_attempts_model_created').on(t.model, t.createdAt),
    check('llm_call_attempts_status_ck', sql.raw(`status IN (${sqlList(ATTEMPT_STATUSES)})`)),
    check('llm_call_attempts_node_type_ck', sql.raw(`node_type IN (${sqlList(NODE_TYPES)})`)),
    check('llm_call_attempts_attempt_ck', sql`${t.attempt} >= 1`),
    check('llm_call_attempts_call_number_ck', sql`${t.callNumber} >= 1`),
    check('llm_call_attempts_retry_ck', sql`${t.retryNumber} >= 0`),
    check('llm_call_attempts_latency_ck', sql`${t.latencyMs} >= 0`),
    check('llm_call_attempts_ttft_ck', sql`${t.timeToFirstTokenMs} >= 0`),
    check(
      'llm_call_attempts_tokens_ck',
      sql`${t.tokensInput} >= 0 AND ${t.tokensOutput} >= 0 AND ${t.tokensCached} >= 0 AND ${t.tokensReasoning} >= 0`,
    ),
    check('llm_call_attempts_cost_ck', sql`${t.costMicroUsd} >= 0`),
    check('llm_call_attempts_http_status_ck', sql`${t.httpStatus} BETWEEN 100 AND 599`),
  ],
);
