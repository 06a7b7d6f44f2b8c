// @onexgen/metrics ships database-backed stores for llm-effect's response cache and budget spend,
// but their method names differ from the interfaces llm-effect declares; these bridges only rename.
import type { BudgetStore, ResponseCacheStore } from '@onexgen/llm-effect';
import { createBudgetSpendStore, createResponseCacheStore, type CacheEntryInput, type DatabaseHandle } from '@onexgen/metrics';
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
 * `behind` (the run's recorder): entries are written in batches instead of one statement per call;
 * an entry still in the buffer is a miss, which a cache may always answer.
 */
export function responseCacheFor(handle: DatabaseHandle, behind?: WriteBehind): ResponseCacheStore {
  const store = createResponseCacheStore(handle);
  const setBehind = behind?.channel<CacheEntryInput>('response cache', (rows) => store.setMany(rows));
  return {
    get: async (key) => {
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
      if (setBehind) return setBehind(entry);
      await store.setMany([entry]);
    },
    delete: async (key) => {
      await store.delete(key);
    },
  };
}
