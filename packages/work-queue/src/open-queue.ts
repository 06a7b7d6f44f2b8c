// Opens pg-boss on the run's PostgreSQL next to the metrics handle. pg-boss keeps its own small
// pool (its `pg` driver), so a process holds `poolSize` (metrics, postgres.js) + `bossPoolSize`
// connections; the README's connection budget counts both.
import { sql } from 'drizzle-orm';
import PgBoss from 'pg-boss';
import type { DatabaseHandle } from '@onexgen/metrics';
import { WorkQueueError } from './errors.js';
import { ensureFetchIndex } from './fetch-index.js';

export const METHOD_QUEUE = 'onexgen-method';
export const NODE_QUEUE = 'onexgen-node';

export interface OpenWorkQueueOptions {
  /** the same PostgreSQL URL the handle was opened with */
  url: string;
  /** the migrated metrics handle (postgres kind): the queue's own tables live there */
  handle: DatabaseHandle;
  /** pg-boss's connections (default 3) */
  bossPoolSize?: number;
  /** pg-boss's schema (default `pgboss`) */
  schema?: string;
  /**
   * How often a process looks for jobs whose worker died (their expiry passed) and hands them out
   * again (default 30 s; pg-boss's own default is 120 s).
   */
  maintenanceIntervalSeconds?: number;
  /** errors pg-boss reports from its background loops (default: ignored) */
  onError?: (err: Error) => void;
}

export interface WorkQueue {
  boss: PgBoss;
  handle: DatabaseHandle;
  schema: string;
  /** stops pg-boss (not the handle: whoever opened it closes it) */
  close(): Promise<void>;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function openWorkQueue(options: OpenWorkQueueOptions): Promise<WorkQueue> {
  if (options.handle.kind !== 'postgres' || !/^postgres(ql)?:\/\//i.test(options.url)) {
    throw new WorkQueueError(
      'NEEDS_POSTGRES',
      'a work queue needs a PostgreSQL server shared by every worker: give a postgres:// URL (the embedded database serves one process only)',
    );
  }
  const schema = options.schema ?? 'pgboss';
  if (!SCHEMA_NAME.test(schema)) throw new WorkQueueError('QUEUE_FAILED', `schema: "${schema}" is not a plain lower-case identifier`);
  const boss = new PgBoss({
    connectionString: options.url,
    schema,
    max: options.bossPoolSize ?? 3,
    application_name: 'onexgen-queue',
    schedule: false,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 30,
  });
  boss.on('error', (err) => options.onError?.(err));
  try {
    // Workers that start together on a fresh database would each install pg-boss's schema, create
    // the queues (a partition each) and the fetch index at once, and PostgreSQL found deadlocks
    // between them (queue-bench, two workers): one setup at a time, behind a transaction-scoped lock.
    await options.handle.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`onexgen-queue-setup:${schema}`}))`);
      await boss.start();
      for (const name of [METHOD_QUEUE, NODE_QUEUE]) await ensureQueue(boss, name);
      await ensureFetchIndex(tx, schema);
    });
  } catch (cause) {
    await boss.stop({ graceful: false }).catch(() => {});
    throw new WorkQueueError('QUEUE_FAILED', `pg-boss could not start: ${(cause as Error).message}`, { cause });
  }
  return {
    boss,
    handle: options.handle,
    schema,
    close: () => boss.stop({ graceful: false, wait: true }),
  };
}

/** Several processes start at once: a queue another one created in between is fine. */
async function ensureQueue(boss: PgBoss, name: string): Promise<void> {
  if (await boss.getQueue(name)) return;
  try {
    await boss.createQueue(name, { name, policy: 'standard' });
  } catch (err) {
    if (!(await boss.getQueue(name))) throw err;
  }
}
