// The typical context the benchmarks build: an order-store effect node's method, with the real
// pattern catalog and the reference fixtures as sources (context-bench, history-rows-bench).
import { fileURLToPath } from 'node:url';
import { buildReferenceIndex, patternSourceFromCatalog } from '@onexgen/context-builder';
import { loadPatternCatalog } from '@onexgen/pattern-library';
import { loadPythonParser } from '@onexgen/response-validator';

const REFERENCE_DIR = fileURLToPath(new URL('../../packages/context-builder/test/fixtures/reference-nodes/', import.meta.url));

/** Patterns from the catalog, references indexed from the fixtures by the real parser. */
export async function loadContextSources() {
  const [catalog, parser] = await Promise.all([loadPatternCatalog(), loadPythonParser()]);
  const references = buildReferenceIndex({ dir: REFERENCE_DIR, parser });
  return { catalog, parser, references, sources: { patterns: patternSourceFromCatalog(catalog), references, parser } };
}

/** The i-th method's input; `uniqueDocstring`: text no build has counted before. */
export function orderStoreInput(i, uniqueDocstring) {
  return {
    spec: {
      name: 'order_store',
      nodeType: 'effect',
      domain: 'commerce',
      description: 'Stores and queries orders in PostgreSQL with pooled connections and transactions.',
      operations: ['create_order', 'get_order', 'update_status', 'list_orders', 'delete_order'],
      features: ['Connection pooling (10-50 connections)', 'Transactions', 'Error handling', 'Retry with backoff', 'Metrics', 'health check'],
      performance: { latencyP95Ms: 100, timeoutSeconds: 5 },
      contract: { inputModel: 'ModelContractEffect', outputModel: 'ModelOrderResult', externalServices: ['postgresql'] },
    },
    method: {
      name: 'execute_effect',
      signature: 'async def execute_effect(self, contract: ModelContractEffect) -> ModelOrderResult:',
      docstring: uniqueDocstring ? `Handle order request number ${i} (${(i * 2654435761) % 1e9}) as the contract asks.` : 'Create, read, update or list orders as the contract asks.',
      outputModel: 'ModelOrderResult',
    },
  };
}
