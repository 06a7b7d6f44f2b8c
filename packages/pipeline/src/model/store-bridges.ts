// @onexgen/metrics ships database-backed stores for llm-effect's response cache and budget spend,
// but their method names differ from the interfaces llm-effect declares; these bridges only rename.
import type { BudgetStore, ResponseCacheStore } from '@onexgen/llm-effect';
import { createBudgetSpendStore, createResponseCacheStore, liveCacheKeys, type CacheEntryInput, type DatabaseHandle } from '@onexgen/metrics';
import type { WriteBehind } from '../session/recorder.js';

/** Generation rows are keyed by uuid; another correlation id names no generation (its entry is served as is). */
const isUuid = (id: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

/** llm-effect's scope keys already carry the period (day, month, run id), so one period is enough. */
const PERIOD = 'all';

export function budgetStoreFor(handle: DatabaseHandle): BudgetStore {
  const store = createBudgetSpendStore(handle);
  return {
    getSpent: (scopeKey) => store.getSpend(scopeKey, PERIOD),
    addSpent: (scopeKey, micros) => store.addSpend(scopeKey, PERIOD, micros),
  };
}

/**
 * Embedded database only: the keys it holds, read once per database and kept by this process, its
 * only writer (PGlite's lock). A key not in the set is a miss without a statement — each statement
 * is CPU on the pipeline's own thread, and nearly every lookup of a generation run is a miss. A
 * shared server is asked every time: other workers write to it.
 */
const keyIndexes = new WeakMap<DatabaseHandle, Promise<Set<string> | undefined>>();

function keyIndexOf(handle: DatabaseHandle): Promise<Set<string> | undefined> {
  if (handle.kind !== 'pglite') return Promise.resolve(undefined);
  let index = keyIndexes.get(handle);
  if (!index) {
    // unreadable: no index, every lookup asks the database as before
    index = liveCacheKeys(handle).catch(() => undefined);
    keyIndexes.set(handle, index);
  }
  return index;
}

/**
 * `behind` (the run's recorder): entries are written in batches instead of one statement per call;
 * an entry still in the buffer is a miss, which a cache may always answer.
 */
export function responseCacheFor(handle: DatabaseHandle, behind?: WriteBehind): ResponseCacheStore {
  const store = createResponseCacheStore(handle);
  const setBehind = behind?.channel<CacheEntryInput>('response cache', (rows) => store.setMany(rows));
  let index: Promise<Set<string> | undefined> | undefined;
  const keys = () => (index ??= keyIndexOf(handle));
  return {
    get: async (key) => {
      const known = await keys();
      if (known && !known.has(key)) return undefined;
      const hit = await store.get<unknown>(key);
      if (!hit) return undefined;
      // llm-effect stores JSON text; through postgres.js the jsonb column gives it back parsed
      return typeof hit.response === 'string' ? hit.response : JSON.stringify(hit.response);
    },
    set: async (key, value, ttlSeconds, meta) => {
      // records that agree: the entry names the generation (the method's correlation id) it was
      // written for, and metrics serves it only once that generation's row has committed
      const entry: CacheEntryInput = {
        keyHash: key,
        response: value,
        ttlMs: ttlSeconds * 1000,
        ...(meta?.correlationId && isUuid(meta.correlationId) ? { generationId: meta.correlationId } : {}),
      };
      (await keys())?.add(key);
      if (setBehind) return setBehind(entry);
      await store.setMany([entry]);
    },
    delete: async (key) => {
      (await keys())?.delete(key);
      await store.delete(key);
    },
  };
}
