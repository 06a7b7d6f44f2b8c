// One row per generated method: what it cost, how long it took, how good the code was, and which
// strategy finally produced it. Columns follow the seed's llm_generation_metrics, money in micro-USD.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
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
import { NODE_TYPES, VERDICTS } from '@onexgen/onex';
import { GENERATION_STRATEGIES, sqlList } from './vocabulary.js';

export const generationMetrics = pgTable(
  'llm_generation_metrics',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    correlationId: uuid('correlation_id').notNull(),
    sessionId: uuid('session_id'),
    nodeType: varchar('node_type', { length: 50 }).notNull(),
    serviceName: varchar('service_name', { length: 255 }).notNull(),
    methodName: varchar('method_name', { length: 255 }).notNull(),
    operationType: varchar('operation_type', { length: 100 }),
    tier: varchar('tier', { length: 50 }).notNull(),
    provider: varchar('provider', { length: 100 }),
    model: varchar('model', { length: 100 }).notNull(),
    tokensInput: integer('tokens_input').notNull(),
    tokensOutput: integer('tokens_output').notNull(),
    tokensTotal: integer('tokens_total').notNull(),
    latencyMs: doublePrecision('latency_ms').notNull(),
    costMicroUsd: bigint('cost_micro_usd', { mode: 'number' }).notNull(),
    syntaxValid: boolean('syntax_valid').notNull().default(false),
    onexCompliant: boolean('onex_compliant').notNull().default(false),
    hasTypeHints: boolean('has_type_hints').notNull().default(false),
    validationPassed: boolean('validation_passed').notNull().default(false),
    securityIssues: jsonb('security_issues').$type<unknown[]>().notNull().default([]),
    qualityScore: doublePrecision('quality_score'),
    strategy: varchar('strategy', { length: 32 }).notNull().default('llm'),
    /** passed / passed-static / failed / incomplete / unchecked (null: recorded before verdicts) */
    verdict: varchar('verdict', { length: 16 }),
    /** the spec's examples for the method, and how many passed in the sandbox */
    examplesTotal: integer('examples_total').notNull().default(0),
    examplesPassed: integer('examples_passed').notNull().default(0),
    /** model calls the method's loop made: 0 for a body no model wrote (pattern, learned template, fallback) */
    attempts: integer('attempts').notNull().default(1),
    finishReason: varchar('finish_reason', { length: 50 }),
    truncated: boolean('truncated').notNull().default(false),
    promptLength: integer('prompt_length'),
    responseLength: integer('response_length'),
    /** the prompt template set that built the prompt: name@content-hash (null: recorded before versions) */
    promptVersion: varchar('prompt_version', { length: 100 }),
    /** the prompt experiment arm the method was assigned to: `experiment/arm` (null: no experiment ran) */
    experimentArm: varchar('experiment_arm', { length: 200 }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    // A retried write of the same method's result is ignored, never duplicated.
    unique('llm_generation_metrics_correlation_method_uq').on(t.correlationId, t.methodName),
    index('idx_llm_metrics_session').on(t.sessionId),
    index('idx_llm_metrics_created').on(t.createdAt.desc()),
    index('idx_llm_metrics_node_type_created').on(t.nodeType, t.createdAt),
    index('idx_llm_metrics_model_created').on(t.model, t.createdAt),
    index('idx_llm_metrics_service').on(t.serviceName),
    check('llm_generation_metrics_node_type_ck', sql.raw(`node_type IN (${sqlList(NODE_TYPES)})`)),
    check('llm_generation_metrics_strategy_ck', sql.raw(`strategy IN (${sqlList(GENERATION_STRATEGIES)})`)),
    check('llm_generation_metrics_verdict_ck', sql.raw(`verdict IN (${sqlList(VERDICTS)})`)),
    check('llm_generation_metrics_examples_ck', sql`${t.examplesPassed} >= 0 AND ${t.examplesPassed} <= ${t.examplesTotal}`),
    check('llm_generation_metrics_tokens_input_ck', sql`${t.tokensInput} >= 0`),
    check('llm_generation_metrics_tokens_output_ck', sql`${t.tokensOutput} >= 0`),
    check('llm_generation_metrics_tokens_total_ck', sql`${t.tokensTotal} >= 0`),
    check('llm_generation_metrics_latency_ck', sql`${t.latencyMs} >= 0`),
    check('llm_generation_metrics_cost_ck', sql`${t.costMicroUsd} >= 0`),
    check('llm_generation_metrics_quality_ck', sql`${t.qualityScore} >= 0 AND ${t.qualityScore} <= 1`),
    check('llm_generation_metrics_attempts_ck', sql`${t.attempts} >= 0`),
    check('llm_generation_metrics_prompt_length_ck', sql`${t.promptLength} >= 0`),
    check('llm_generation_metrics_response_length_ck', sql`${t.responseLength} >= 0`),
  ],
);
