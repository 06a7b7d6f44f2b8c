// The records a method job produces, held until the job commits: the work queue's commit
// transaction writes them (through a metrics store on that transaction), so a job attempt that
// loses the commit leaves no generation, fallback, context, history or pass row behind. Methods
// that commit in one group (the worker's group commit) write theirs together: one statement per
// kind for all of them.
import { createMetricsStore, type DatabaseHandle, type MetricsDb, type RecordInputs, type RecordKind } from '@onexgen/metrics';
import type { RecordSink } from '../session/recorder.js';

/** The order kinds are written in (generations first, as the recorder writes them). */
const KINDS = ['generation', 'attempt', 'contextBuild', 'fallback', 'history', 'pass'] as const satisfies readonly RecordKind[];

export interface CapturedRecords {
  store: RecordSink;
  /** the rows held, per kind */
  readonly held: ReadonlyMap<RecordKind, readonly unknown[]>;
  writeTo(db: MetricsDb): Promise<void>;
}

export function captureRecords(): CapturedRecords {
  const held = new Map<RecordKind, unknown[]>(KINDS.map((k) => [k, []]));
  const captured: CapturedRecords = {
    store: {
      async record(kind, input) {
        const list = held.get(kind) ?? [];
        held.set(kind, list);
        list.push(...(Array.isArray(input) ? input : [input]));
        return { ids: [], storedIn: 'database' };
      },
      flush: async () => undefined,
    },
    held,
    writeTo: (db) => writeCaptured(db, [captured]),
  };
  return captured;
}

/** Several jobs' records in the caller's transaction: kind by kind, each kind's rows of all of them in one statement. */
export async function writeCaptured(db: MetricsDb, all: readonly CapturedRecords[]): Promise<void> {
  // a metrics store over the transaction: the same validation and idempotent inserts as always;
  // recordIn, whose writer remembers no stored prompt text (this transaction may still roll back)
  const handle: DatabaseHandle = { db, kind: 'postgres', location: 'commit transaction', close: async () => {} };
  const store = await createMetricsStore(handle);
  const kinds = new Set<RecordKind>([...KINDS, ...all.flatMap((c) => [...c.held.keys()])]);
  for (const kind of kinds) {
    const rows = all.flatMap((c) => c.held.get(kind) ?? []);
    if (rows.length > 0) await store.recordIn(db, kind, rows as RecordInputs[RecordKind][]);
  }
}
