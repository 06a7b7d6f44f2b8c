import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, doublePrecision, index, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

// Learned patterns and templates. Counters are updated with SQL increments (never read-modify-
// write in the application), so many workers can record outcomes against one database.

/** Code examples taken from generations that scored >= 0.8, one row per pattern found in them. */
export const patternLearnedExamples = pgTable(
  'pattern_learned_examples',
  {
    id: serial('id').primaryKey(),
    patternId: text('pattern_id').notNull(),
    patternName: text('pattern_name').notNull(),
    nodeType: text('node_type'),
    sessionId: text('session_id'),
    score: doublePrecision('score').notNull(),
    code: text('code').notNull(),
    evidence: jsonb('evidence').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('pattern_learned_examples_pattern_idx').on(t.patternId, t.score)],
);

/** Every use of a pattern with its validation outcome: the evidence behind effectiveness. */
export const patternUsage = pgTable(
  'pattern_usage',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    patternId: text('pattern_id').notNull(),
    passed: boolean('passed').notNull(),
    score: doublePrecision('score').notNull(),
    sessionId: text('session_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('pattern_usage_pattern_idx').on(t.patternId)],
);

/** Running sums per pattern (the Beta posterior is computed from them). */
export const patternEffectiveness = pgTable('pattern_effectiveness', {
  patternId: text('pattern_id').primaryKey(),
  uses: integer('uses').notNull().default(0),
  passes: integer('passes').notNull().default(0),
  /** sum of outcome weights: the score of each passing use, 0 for a failing one */
  successSum: doublePrecision('success_sum').notNull().default(0),
  scoreSum: doublePrecision('score_sum').notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Learned method bodies as mustache templates, one per normalised task signature. */
export const patternTemplates = pgTable(
  'pattern_templates',
  {
    id: serial('id').primaryKey(),
    signatureKey: text('signature_key').notNull().unique(),
    nodeType: text('node_type').notNull(),
    verb: text('verb').notNull(),
    methodName: text('method_name').notNull(),
    entity: text('entity').notNull(),
    features: jsonb('features').$type<string[]>().notNull(),
    pattern: text('pattern'),
    params: jsonb('params').$type<string[]>().notNull(),
    body: text('body').notNull(),
    /** mustache delimiters used in body, chosen so they never occur in the Python code */
    tags: text('tags').notNull().default('<% %>'),
    parameters: jsonb('parameters').$type<string[]>().notNull(),
    score: doublePrecision('score').notNull(),
    costMicros: bigint('cost_micros', { mode: 'number' }).notNull().default(0),
    sessionId: text('session_id'),
    /**
     * Why the template may be reused: 'examples' (learned from LLM code whose spec examples all
     * passed), 'approved' (a person approved it: `onexgen templates approve ID`), 'pending' (learned
     * without examples, or before provenance existed: kept, shown, never reused until approved).
     */
    origin: text('origin').notNull().default('pending'),
    /** provenance: the generation (correlation id) and model that wrote it, the checks it passed */
    generationId: text('generation_id'),
    model: text('model'),
    checks: jsonb('checks').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    revision: integer('revision').notNull().default(1),
    usageCount: integer('usage_count').notNull().default(0),
    savedMicros: bigint('saved_micros', { mode: 'number' }).notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('pattern_templates_bucket_idx').on(t.nodeType, t.verb)],
);

/** Each reuse of a template, with the LLM cost it saved. */
export const patternTemplateUses = pgTable(
  'pattern_template_uses',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    templateId: integer('template_id')
      .notNull()
      .references(() => patternTemplates.id, { onDelete: 'cascade' }),
    sessionId: text('session_id'),
    savedMicros: bigint('saved_micros', { mode: 'number' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('pattern_template_uses_template_idx').on(t.templateId)],
);

export const patternLibrarySchema = {
  patternLearnedExamples,
  patternUsage,
  patternEffectiveness,
  patternTemplates,
  patternTemplateUses,
};
