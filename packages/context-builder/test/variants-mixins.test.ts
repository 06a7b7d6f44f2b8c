import { describe, expect, test } from '@jest/globals';
import { normalizeFeatures } from '@onexgen/pattern-library';
import type { NodeType } from '@onexgen/onex';
import { createMixinRecommender, createVariantSelector } from '../src/index.js';
import { loadMixinsData } from '../src/data/load-data.js';

const selector = createVariantSelector();
const recommender = createMixinRecommender();

function choose(nodeType: NodeType, operationCount: number, features: string[]) {
  const keys = normalizeFeatures(features);
  const variant = selector.select({ nodeType, operationCount, features: keys });
  const mixins = recommender.recommend({ nodeType, features: keys, variantMixins: variant.suggestedMixins });
  return { variant, mixins, ids: mixins.map((m) => m.id) };
}

describe('VariantSelector and MixinRecommender on representative specs', () => {
  test('database effect -> DATABASE_HEAVY with pooling, transactions (and what they need), batching', () => {
    const { variant, ids, mixins } = choose('effect', 8, ['PostgreSQL database', 'Connection pooling (10-50 connections)', 'Transactions', 'Bulk insert']);
    expect(variant.id).toBe('DATABASE_HEAVY');
    expect(variant.fallback).toBe(false);
    expect(variant.rationale).toContain('8 operations fits range >= 3');
    expect(variant.rationale).toContain('4 of 5 variant features matched');
    expect(ids).toEqual(expect.arrayContaining(['ConnectionPooling', 'TransactionManagement', 'BatchProcessing']));
    const pooling = mixins.find((m) => m.id === 'ConnectionPooling')!;
    expect(pooling.confidence).toBeGreaterThan(0.8);
    expect(pooling.usage).toContain('self.pool.acquire()');
  });

  test('HTTP effect -> API_HEAVY with breaker, retry, rate limiting', () => {
    const { variant, ids } = choose('effect', 3, ['REST API client', 'circuit breaker', 'retry with exponential backoff', 'rate limiting']);
    expect(variant.id).toBe('API_HEAVY');
    expect(ids).toEqual(expect.arrayContaining(['CircuitBreaker', 'Retry', 'RateLimiting', 'APIClient']));
    expect(ids).not.toContain('ConnectionPooling');
  });

  test('Kafka effect -> KAFKA_HEAVY; the event publisher brings the event bus it requires', () => {
    const { variant, mixins } = choose('effect', 2, ['Kafka producer', 'publish events']);
    expect(variant.id).toBe('KAFKA_HEAVY');
    expect(variant.aliases).toEqual(['EVENT_DRIVEN']);
    const bus = mixins.find((m) => m.id === 'EventBus');
    expect(bus?.reasons).toContain('required by EventPublisher');
  });

  test('compute with parallelism and caching -> COMPUTE_HEAVY; no I/O mixins on a compute node', () => {
    const { variant, ids } = choose('compute', 2, ['parallel processing', 'caching', 'deterministic execution', 'http client']);
    expect(variant.id).toBe('COMPUTE_HEAVY');
    expect(ids).toContain('Caching');
    expect(ids).not.toContain('CircuitBreaker');
    expect(ids).not.toContain('APIClient');
  });

  test('orchestrator workflow -> WORKFLOW', () => {
    const { variant } = choose('orchestrator', 4, ['workflow coordination', 'publish events', 'retry', 'metrics']);
    expect(variant.id).toBe('WORKFLOW');
  });

  test.each([
    [1, 'MINIMAL'],
    [3, 'STANDARD'],
    [7, 'PRODUCTION'],
  ])('no specialised match, %i operations -> %s by size', (ops, id) => {
    const { variant } = choose('compute', ops, ['pretty printing']);
    expect(variant).toMatchObject({ id, fallback: true });
    expect(variant.rationale).toContain(`${ops} operation${ops === 1 ? '' : 's'} fits ${id}`);
  });

  test('database features on a compute node do not make it DATABASE_HEAVY', () => {
    const { variant } = choose('compute', 4, ['database', 'connection pooling', 'transactions']);
    expect(variant.id).not.toBe('DATABASE_HEAVY');
  });

  test('production fallback suggests breaker, retry and metrics', () => {
    const { variant, ids } = choose('effect', 9, ['pretty printing']);
    expect(variant.id).toBe('PRODUCTION');
    expect(ids).toEqual(expect.arrayContaining(['CircuitBreaker', 'Retry', 'Metrics']));
  });
});

describe('mixin dependencies and conflicts', () => {
  test('a mixin the contract rules out is not recommended', () => {
    const withCache = recommender.recommend({ nodeType: 'compute', features: ['caching'] }).map((m) => m.id);
    expect(withCache).toContain('Caching');
    const declared = recommender.recommend({ nodeType: 'compute', features: ['caching'], declared: ['NoCaching'] }).map((m) => m.id);
    expect(declared).not.toContain('Caching');
  });

  test('declared mixins come first with full confidence', () => {
    const recs = recommender.recommend({ nodeType: 'effect', features: [], declared: ['HealthCheck'] });
    expect(recs[0]).toMatchObject({ id: 'HealthCheck', confidence: 1, reasons: ['declared by the contract'] });
  });

  test('of two conflicting mixins the more confident one stays', () => {
    const data = loadMixinsData();
    const custom = createMixinRecommender({
      ...data,
      mixins: [
        ...data.mixins,
        { id: 'CustomMetrics', className: 'MixinCustomMetrics', nodeTypes: [], triggers: ['metrics_tracking'], requires: [], conflicts: ['Metrics'], provides: 'x', usage: 'y' },
      ],
    });
    const ids = custom.recommend({ nodeType: 'effect', features: ['metrics_tracking', 'time_tracking'] }).map((m) => m.id);
    expect(ids).toContain('Metrics'); // two triggers beat one
    expect(ids).not.toContain('CustomMetrics');
  });

  test('the limit never drops what a kept mixin requires', () => {
    const recs = recommender.recommend({ nodeType: 'effect', features: ['transaction_management'], limit: 1 }).map((m) => m.id);
    expect(recs).toEqual(['TransactionManagement', 'ConnectionPooling']);
  });
});

describe('patternSourceFromCatalog', () => {
  test('adds the critical patterns of the node type that no feature asked for, and only those', async () => {
    const { loadPatternCatalog } = await import('@onexgen/pattern-library');
    const { patternSourceFromCatalog } = await import('../src/index.js');
    const catalog = await loadPatternCatalog();
    const query = { nodeType: 'compute' as const, features: ['caching'], minScore: 0.3, topK: 100 };
    const plain = catalog.match(query).map((m) => m.pattern.id);
    const withCritical = patternSourceFromCatalog(catalog)(query);
    const added = withCritical.filter((m) => !plain.includes(m.pattern.id));
    expect(added.length).toBeGreaterThan(0);
    expect(added.every((m) => m.pattern.critical && m.pattern.nodeTypes.includes('compute') && m.score === 0)).toBe(true);
    expect(patternSourceFromCatalog(catalog, { includeCritical: false })(query).map((m) => m.pattern.id)).toEqual(plain);
  });
});
