// The work queue's own record of a run, next to pg-boss's job tables: what was asked (nodes and
// their methods), and each method's and node's result exactly once (primary keys per run, node and
// method; inserts that lose a race do nothing). pg-boss says which job runs where; these tables say
// what is done, so a job retried after its worker died finds its work already committed.
import { sql } from 'drizzle-orm';
import { boolean, check, integer, jsonb, pgTable, primaryKey, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';

export const RUN_STATES = ['queued', 'done', 'cancelled'] as const;
export type RunState = (typeof RUN_STATES)[number];

export const queueRuns = pgTable(
  'queue_runs',
  {
    runId: uuid('run_id').primaryKey(),
    state: varchar('state', { length: 16 }).notNull().default('queued'),
    /** what the enqueuer chose for the whole run (configuration, output folder): opaque here */
    options: jsonb('options').notNull(),
    nodesTotal: integer('nodes_total').notNull(),
    methodsTotal: integer('methods_total').notNull(),
    /** pg-boss job options every job of the run gets */
    retryLimit: integer('retry_limit').notNull(),
    jobExpireSeconds: integer('job_expire_seconds').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    check('queue_runs_state_ck', sql.raw(`state IN (${RUN_STATES.map((s) => `'${s}'`).join(', ')})`)),
    check('queue_runs_totals_ck', sql`${t.nodesTotal} >= 0 AND ${t.methodsTotal} >= 0`),
  ],
);

export const queueNodes = pgTable(
  'queue_nodes',
  {
    runId: uuid('run_id')
      .notNull()
      .references(() => queueRuns.runId, { onDelete: 'cascade' }),
    nodeKey: varchar('node_key', { length: 200 }).notNull(),
    /** position in the run, so results come back in the order the inputs were given */
    position: integer('position').notNull(),
    /** the method names this node waits for */
    methods: jsonb('methods').$type<string[]>().notNull(),
    /** the node's input (spec, file label, output path): opaque here */
    input: jsonb('input').notNull(),
    /** set once, by whoever assembled the node */
    result: jsonb('result'),
    assembledBy: varchar('assembled_by', { length: 200 }),
    assembledAt: timestamp('assembled_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [primaryKey({ name: 'queue_nodes_pk', columns: [t.runId, t.nodeKey] })],
);

export const queueMethodResults = pgTable(
  'queue_method_results',
  {
    runId: uuid('run_id')
      .notNull()
      .references(() => queueRuns.runId, { onDelete: 'cascade' }),
    nodeKey: varchar('node_key', { length: 200 }).notNull(),
    method: varchar('method', { length: 200 }).notNull(),
    /** pg-boss's retry count of the job attempt whose result won */
    jobAttempt: integer('job_attempt').notNull(),
    /** false when the method ended in an error that fails its node */
    ok: boolean('ok').notNull(),
    result: jsonb('result').notNull(),
    worker: varchar('worker', { length: 200 }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  // the primary key's (run_id, node_key) prefix serves "this node's results" too
  (t) => [primaryKey({ name: 'queue_method_results_pk', columns: [t.runId, t.nodeKey, t.method] })],
);
