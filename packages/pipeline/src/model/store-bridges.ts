// @onexgen/metrics ships database-backed stores for llm-effect's response cache and budget spend,
// but their method names differ from the interfaces llm-effect declares; these bridges only rename.
import type { BudgetStore, ResponseCacheStore } from '@onexgen/llm-effect';
import { createBudgetSpendStore, createResponseCacheStore, type DatabaseHandle } from '@onexgen/metrics';

/** llm-effect's scope keys already carry the period (day, month, run id), so one period is enough. */
const PERIOD = 'all';

export function budgetStoreFor(handle: DatabaseHandle): BudgetStore {
  const store = createBudgetSpendStore(handle);
  return {
    getSpent: (scopeKey) => store.getSpend(scopeKey, PERIOD),
    addSpent: (scopeKey, micros) => store.addSpend(scopeKey, PERIOD, micros),
  };
}

export function responseCacheFor(handle: DatabaseHandle): ResponseCacheStore {
  const store = createResponseCacheStore(handle);
  return {
    get: async (key) => {
      const hit = await store.get<unknown>(key);
      if (!hit) return undefined;
      // llm-effect stores JSON text; through postgres.js the jsonb column gives it back parsed
      return typeof hit.response === 'string' ? hit.response : JSON.stringify(hit.response);
    },
    set: (key, value, ttlSeconds) => store.set(key, value, { ttlMs: ttlSeconds * 1000 }),
    delete: async (key) => {
      await store.delete(key);
    },
  };
}
