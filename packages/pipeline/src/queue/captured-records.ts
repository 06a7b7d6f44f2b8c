// The records a method job produces, held until the job commits: the work queue's commit
// transaction writes them (through a metrics store on that transaction), so a job attempt that
// loses the commit leaves no generation, fallback, context, history or pass row behind.
import { createMetricsStore, type DatabaseHandle, type MetricsDb, type RecordInputs, type RecordKind } from '@onexgen/metrics';
import type { RecordSink } from '../session/recorder.js';

export interface CapturedRecords {
  store: RecordSink;
  writeTo(db: MetricsDb): Promise<void>;
}

export function captureRecords(): CapturedRecords {
  // one list per kind, written kind by kind (generations first) in one statement each, as before
  const held = new Map<RecordKind, unknown[]>((['generation', 'attempt', 'contextBuild', 'fallback', 'history', 'pass'] as const).map((k) => [k, []]));
  return {
    store: {
      async record(kind, input) {
        const list = held.get(kind) ?? [];
        held.set(kind, list);
        list.push(...(Array.isArray(input) ? input : [input]));
        return { ids: [], storedIn: 'database' };
      },
      flush: async () => undefined,
    },
    async writeTo(db) {
      // a metrics store over the transaction: the same validation and idempotent inserts as always;
      // recordIn, whose writer remembers no stored prompt text (this transaction may still roll back)
      const handle: DatabaseHandle = { db, kind: 'postgres', location: 'commit transaction', close: async () => {} };
      const store = await createMetricsStore(handle);
      for (const [kind, rows] of held) if (rows.length > 0) await store.recordIn(db, kind, rows as RecordInputs[RecordKind][]);
    },
  };
}
