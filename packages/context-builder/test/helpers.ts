// Shared test inputs: the real catalog, the real parser, the shipped reference fixtures.
import { fileURLToPath } from 'node:url';
import type { PatternCatalog } from '@onexgen/pattern-library';
import type { PythonParser } from '@onexgen/response-validator';
import { loadContextSources, type ReferenceIndex } from '../src/index.js';
import type { BuildInput } from '../src/spec/build-input.js';
import type { ContextSources } from '../src/build/build-context.js';

export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
export const REFERENCE_DIR = fileURLToPath(new URL('./fixtures/reference-nodes/', import.meta.url));

export interface RealSources {
  catalog: PatternCatalog;
  parser: PythonParser;
  index: ReferenceIndex;
  sources: ContextSources;
}

let loading: Promise<RealSources> | undefined;

/** Everything real, loaded the way an application does it: loadContextSources, once per test file. */
export function realSources(): Promise<RealSources> {
  loading ??= (async () => {
    const loaded = await loadContextSources({ referenceDir: REFERENCE_DIR });
    return { catalog: loaded.catalog, parser: loaded.parser, index: loaded.index!, sources: loaded };
  })();
  return loading;
}

export function databaseEffectInput(overrides: Partial<BuildInput['method']> = {}): BuildInput {
  return {
    spec: {
      name: 'order_store',
      nodeType: 'EFFECT_GENERIC',
      domain: 'commerce',
      description: 'Stores and queries orders in PostgreSQL with pooled connections and transactions.',
      operations: ['create_order', 'get_order', 'update_status', 'list_orders', 'delete_order'],
      features: ['Connection pooling (10-50 connections)', 'Transactions', 'Error handling', 'Retry with backoff', 'Metrics'],
      performance: { latencyP95Ms: 100, timeoutSeconds: 5, notes: ['Connection acquisition under 50 ms'] },
      contract: {
        inputModel: 'ModelContractEffect',
        outputModel: 'ModelOrderResult',
        ioOperations: [{ operationType: 'database_write', atomic: true, timeoutSeconds: 5 }],
        externalServices: ['postgresql'],
      },
    },
    method: {
      name: 'execute_effect',
      signature: 'async def execute_effect(self, contract: ModelContractEffect) -> ModelOrderResult:',
      docstring: 'Create, read, update or list orders as the contract asks.',
      inputModel: 'ModelContractEffect',
      outputModel: 'ModelOrderResult',
      async: true,
      ...overrides,
    },
  };
}

export function computeInput(): BuildInput {
  return {
    spec: {
      name: 'price_normalizer',
      nodeType: 'compute',
      description: 'Normalises price records.',
      operations: ['normalize'],
      features: ['validation', 'caching'],
    },
    method: {
      name: 'process',
      signature: 'async def process(self, input_data: ModelComputeInput[Any]) -> dict[str, Any]:',
    },
  };
}
