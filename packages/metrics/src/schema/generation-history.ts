// Prompt and code of each generation plus the user's verdict on it: the raw material for learning.
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { NODE_TYPES } from '@onexgen/onex';
import { promptTexts } from './prompt-texts.js';
import { sqlList } from './vocabulary.js';

export const generationHistory = pgTable(
  'llm_generation_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    correlationId: uuid('correlation_id').notNull(),
    attempt: integer('attempt').notNull().default(1),
    nodeType: varchar('node_type', { length: 50 }).notNull(),
    methodName: varchar('method_name', { length: 255 }).notNull(),
    /**
     * The prompt as sent; when system_prompt_hash is set, only the part after the system prompt:
     * the whole prompt is then the llm_prompt_texts row's text, a blank line, and this.
     */
    promptText: text('prompt_text').notNull(),
    /** the system prompt, stored once in llm_prompt_texts (null: prompt_text holds the whole prompt) */
    systemPromptHash: varchar('system_prompt_hash', { length: 64 }).references(() => promptTexts.hash),
    generatedCode: text('generated_code').notNull(),
    qualityScore: doublePrecision('quality_score'),
    validationPassed: boolean('validation_passed').notNull(),
    /** the attempt's behaviour check: status, examples run / passed / failed, the failing ones (bounded) */
    behaviour: jsonb('behaviour').$type<Record<string, unknown>>(),
    /** the catalog patterns the attempt's prompt showed (a person's feedback moves their effectiveness) */
    patternIds: jsonb('pattern_ids').$type<string[]>(),
    userAccepted: boolean('user_accepted'),
    userFeedback: text('user_feedback'),
    manualEditsRequired: boolean('manual_edits_required'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    unique('llm_generation_history_correlation_method_attempt_uq').on(t.correlationId, t.methodName, t.attempt),
    index('idx_llm_history_quality').on(t.qualityScore.desc()),
    index('idx_llm_history_created').on(t.createdAt.desc()),
    check('llm_generation_history_node_type_ck', sql.raw(`node_type IN (${sqlList(NODE_TYPES)})`)),
    check('llm_generation_history_quality_ck', sql`${t.qualityScore} >= 0 AND ${t.qualityScore} <= 1`),
    check('llm_generation_history_attempt_ck', sql`${t.attempt} >= 1`),
  ],
);
