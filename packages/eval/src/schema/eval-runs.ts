// Stored eval runs: one row per run, one per generated method, so two runs can be compared later
// (statistics are recomputed from the samples, never stored, so a better estimator applies to old runs).
import { sql } from 'drizzle-orm';
import { boolean, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';

export const evalRuns = pgTable(
  'eval_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** the suite as given (a directory or files) */
    suite: text('suite').notNull(),
    label: text('label'),
    strategies: jsonb('strategies').$type<string[]>().notNull(),
    models: jsonb('models').$type<string[]>().notNull(),
    repeat: integer('repeat').notNull(),
    cases: integer('cases').notNull(),
    /** provider description (never a key) */
    provider: text('provider'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('idx_eval_runs_created').on(t.createdAt.desc())],
);

export const evalSamples = pgTable(
  'eval_samples',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    runId: uuid('run_id')
      .notNull()
      .references(() => evalRuns.id, { onDelete: 'cascade' }),
    strategy: varchar('strategy', { length: 100 }).notNull(),
    model: varchar('model', { length: 100 }).notNull(),
    caseName: text('case_name').notNull(),
    method: varchar('method', { length: 255 }).notNull(),
    repeat: integer('repeat').notNull(),
    examples: integer('examples').notNull(),
    examplesPassed: integer('examples_passed').notNull(),
    verdict: varchar('verdict', { length: 16 }).notNull(),
    staticPassed: boolean('static_passed').notNull(),
    attempts: integer('attempts').notNull(),
    tokensInput: integer('tokens_input').notNull(),
    tokensOutput: integer('tokens_output').notNull(),
    costMicroUsd: integer('cost_micro_usd').notNull(),
    latencyMs: doublePrecision('latency_ms').notNull(),
    promptVersion: varchar('prompt_version', { length: 100 }),
    extra: jsonb('extra').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
  },
  (t) => [index('idx_eval_samples_run').on(t.runId)],
);
