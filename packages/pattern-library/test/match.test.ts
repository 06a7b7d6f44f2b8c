import { beforeAll, describe, expect, test } from '@jest/globals';
import { createCatalog, loadPatternCatalog, match, PatternLibraryError, type Effectiveness, type Pattern, type PatternCatalog } from '../src/index.js';
import { effectivenessFrom } from '../src/learning/effectiveness.js';

let catalog: PatternCatalog;
beforeAll(async () => {
  catalog = await loadPatternCatalog();
});

const pattern = (id: string, nodeTypes: Pattern['nodeTypes'], features: string[]): Pattern => ({
  id,
  name: id.replace(/_v\d+$/, ''),
  version: 1,
  category: 'data',
  tags: features,
  nodeTypes,
  features,
  description: 'test pattern',
  codeExample: 'x = 1\n',
  guidelines: ['g'],
  pitfalls: ['p'],
  critical: false,
  source: 'user',
});

describe('match', () => {
  test('finds connection pooling for free-text features on an effect node', () => {
    const results = match(catalog, { nodeType: 'effect', features: ['Connection pooling (10-50 connections)', 'PostgreSQL'] });
    expect(results[0]!.pattern.id).toBe('connection_pooling_v1');
    expect(results[0]!.matchedFeatures).toEqual(['connection_pooling', 'database']);
    expect(results[0]!.reasons.join(' ')).toMatch(/applies to effect nodes/);
    expect(catalog.match({ nodeType: 'effect', features: ['Connection pooling (10-50 connections)', 'PostgreSQL'] })).toEqual(results);
  });

  test('scores exactly 0.3 x node type + 0.7 x Jaccard without evidence', () => {
    const c = createCatalog([pattern('pa_v1', ['effect'], ['caching', 'database']), pattern('pb_v1', ['compute'], ['caching'])]);
    const [a, b] = c.match({ nodeType: 'effect', features: ['caching'] });
    expect(a!.pattern.id).toBe('pa_v1');
    expect(a!.score).toBeCloseTo(0.3 + 0.7 * (1 / 3), 4); // keys {pa, caching, database}
    expect(b!.score).toBeCloseTo(0.7 * (1 / 2), 4); // keys {pb, caching}, wrong node type
  });

  test('breaks ties by id and honours topK and minScore', () => {
    const c = createCatalog([pattern('zeta_v1', ['effect'], ['caching']), pattern('alpha_v1', ['effect'], ['caching'])]);
    const results = c.match({ nodeType: 'effect', features: ['caching'] });
    expect(results.map((r) => r.pattern.id)).toEqual(['alpha_v1', 'zeta_v1']);
    expect(results[0]!.score).toBe(results[1]!.score);
    expect(c.match({ nodeType: 'effect', features: ['caching'], topK: 1 }).map((r) => r.pattern.id)).toEqual(['alpha_v1']);
    expect(c.match({ nodeType: 'effect', features: ['caching'], minScore: 0.9 })).toEqual([]);
  });

  test('never returns a pattern that matched no feature', () => {
    expect(catalog.match({ nodeType: 'effect', features: ['quantum entanglement'] })).toEqual([]);
  });

  test('an operation name adds the canonical features it implies', () => {
    const results = catalog.match({ nodeType: 'orchestrator', features: ['workflow'], operation: 'publish_with_retry' });
    const ids = results.map((r) => r.pattern.id);
    expect(ids).toContain('retry_backoff_v1');
    const retry = results.find((r) => r.pattern.id === 'retry_backoff_v1')!;
    expect(retry.reasons.join(' ')).toMatch(/operation "publish_with_retry" implies retry_backoff/);
  });

  test('learned effectiveness lifts a reliable pattern above an equal rival and sinks a failing one', () => {
    const c = createCatalog([pattern('alpha_v1', ['effect'], ['caching']), pattern('zeta_v1', ['effect'], ['caching'])]);
    const good = effectivenessFrom('zeta_v1', { uses: 20, passes: 19, successSum: 18, scoreSum: 18.5 });
    const bad = effectivenessFrom('alpha_v1', { uses: 20, passes: 2, successSum: 1.6, scoreSum: 6 });
    const table = new Map<string, Effectiveness>([[good.patternId, good], [bad.patternId, bad]]);
    const results = c.match({ nodeType: 'effect', features: ['caching'] }, { effectiveness: (id) => table.get(id) });
    expect(results.map((r) => r.pattern.id)).toEqual(['zeta_v1', 'alpha_v1']);
    const baseline = 0.3 + 0.7 * 0.5;
    expect(results[0]!.score).toBeGreaterThan(baseline);
    expect(results[1]!.score).toBeLessThan(baseline);
    expect(results[0]!.reasons.at(-1)).toMatch(/learned effectiveness 0\.86 over 20 uses/);
    // no evidence: the baseline is untouched
    const unused = c.match({ nodeType: 'effect', features: ['caching'] }, { effectiveness: () => undefined });
    expect(unused[0]!.score).toBeCloseTo(baseline, 4);
  });

  test('rejects an unknown node type with a clear error', () => {
    expect(() => catalog.match({ nodeType: 'gateway' as never, features: ['caching'] })).toThrow(PatternLibraryError);
    expect(() => catalog.match({ nodeType: 'gateway' as never, features: ['caching'] })).toThrow(/nodeType must be one of/);
  });
});
