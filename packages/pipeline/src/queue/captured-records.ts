// The records a method job produces, held until the job commits: the work queue's commit
// transaction writes them (through a metrics store on that transaction), so a job attempt that
// loses the commit leaves no generation, fallback, context, history or pass row behind.
import {
  createMetricsStore,
  type AttemptInput,
  type ContextBuildInput,
  type DatabaseHandle,
  type FallbackInput,
  type GenerationInput,
  type HistoryInput,
  type MetricsDb,
  type PassInput,
  type RecordResult,
} from '@onexgen/metrics';
import type { RecordSink } from '../session/recorder.js';

export interface CapturedRecords {
  store: RecordSink;
  writeTo(db: MetricsDb): Promise<void>;
}

export function captureRecords(): CapturedRecords {
  const rows = {
    generations: [] as GenerationInput[],
    attempts: [] as AttemptInput[],
    contextBuilds: [] as ContextBuildInput[],
    fallbacks: [] as FallbackInput[],
    histories: [] as HistoryInput[],
    passes: [] as PassInput[],
  };
  const held = (kind: keyof typeof rows) => async (inputs: unknown[]): Promise<RecordResult> => {
    (rows[kind] as unknown[]).push(...inputs);
    return { ids: [], storedIn: 'database' };
  };
  return {
    store: {
      recordGenerations: held('generations'),
      recordAttempts: held('attempts'),
      recordContextBuilds: held('contextBuilds'),
      recordFallbacks: held('fallbacks'),
      recordHistories: held('histories'),
      recordPasses: held('passes'),
      flush: async () => undefined,
    },
    async writeTo(db) {
      // a metrics store over the transaction: the same validation and idempotent inserts as always
      const handle: DatabaseHandle = { db, kind: 'postgres', location: 'commit transaction', close: async () => {} };
      const store = await createMetricsStore(handle);
      if (rows.generations.length) await store.recordGenerations(rows.generations);
      if (rows.attempts.length) await store.recordAttempts(rows.attempts);
      if (rows.contextBuilds.length) await store.recordContextBuilds(rows.contextBuilds);
      if (rows.fallbacks.length) await store.recordFallbacks(rows.fallbacks);
      if (rows.histories.length) await store.recordHistories(rows.histories);
      if (rows.passes.length) await store.recordPasses(rows.passes);
    },
  };
}
