// Aggregates and reports on PGlite in memory, against the hand-computed values in support/aggregate-contract.ts.
import { afterAll, beforeAll, describe } from '@jest/globals';
import { createMetricsStore, migrate, openDatabase, type DatabaseHandle, type MetricsStore } from '../src/index.js';
import { aggregateContract, seed } from './support/aggregate-contract.js';
import { reportContract } from './support/report-contract.js';

let handle: DatabaseHandle;
let store: MetricsStore;

beforeAll(async () => {
  handle = await openDatabase('memory://');
  await migrate(handle);
  store = await createMetricsStore(handle);
  await seed(store);
});
afterAll(async () => {
  await store.close();
  await handle.close();
});

describe('aggregate on PGlite', () => aggregateContract(() => store));
describe('reports on PGlite', () => reportContract(() => store));
