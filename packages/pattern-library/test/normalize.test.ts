import { describe, expect, test } from '@jest/globals';
import { createFeatureNormalizer, normalizeFeatures, PatternLibraryError } from '../src/index.js';
import { loadSynonymTable } from '../src/features/synonym-table.js';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('normalizeFeatures', () => {
  test('turns free text with remarks into the canonical key', () => {
    expect(normalizeFeatures(['Connection pooling (10-50 connections)'])).toEqual(['connection_pooling']);
    expect(normalizeFeatures(['Retry with exponential backoff'])).toEqual(['retry_backoff']);
    expect(normalizeFeatures(['circuitBreaker'])).toEqual(['circuit_breaker']);
  });

  test('maps synonyms from the data table and finds several features in one phrase', () => {
    expect(normalizeFeatures(['DB pool', 'transactional writes', 'TTL cache'])).toEqual(['connection_pooling', 'transaction_management', 'caching']);
    expect(normalizeFeatures(['PostgreSQL connection pool with circuit breaker'])).toEqual(['database', 'connection_pooling', 'circuit_breaker']);
  });

  test('keeps unknown phrases as snake_case keys without stopwords or numbers', () => {
    expect(normalizeFeatures(['Automatic geo fencing support (v2)'])).toEqual(['geo_fencing']);
    expect(normalizeFeatures(['Geo-fencing', 'geo fencing'])).toEqual(['geo_fencing']);
  });

  test('matches whole words only and dedupes in first-seen order', () => {
    // "spool" contains "pool" but is a different word
    expect(normalizeFeatures(['spool files'])).toEqual(['spool_files']);
    expect(normalizeFeatures(['caching', 'cache', 'retries', 'caching'])).toEqual(['caching', 'retry_backoff']);
    expect(normalizeFeatures([])).toEqual([]);
    expect(normalizeFeatures(['  (only a remark) '])).toEqual([]);
  });

  test('a custom table prefers the longest phrase', () => {
    const n = createFeatureNormalizer({ rate_limiting: ['rate limit'], limits: ['limit'] });
    expect(n.normalize(['rate limit per user'])).toEqual(['rate_limiting']);
    expect(n.normalize(['hard limit'])).toEqual(['limits']);
    expect(n.isCanonical('limits')).toBe(true);
    expect(n.isCanonical('limit')).toBe(false);
  });
});

describe('the shipped synonym table', () => {
  test('maps every phrase to exactly one key, and every catalog feature key to itself', () => {
    const table = loadSynonymTable();
    const owner = new Map<string, string>();
    for (const [key, phrases] of Object.entries(table)) {
      for (const phrase of [key.replace(/_/g, ' '), ...phrases]) {
        const previous = owner.get(phrase.toLowerCase());
        expect(previous === undefined || previous === key ? key : `${phrase}: ${previous} and ${key}`).toBe(key);
        owner.set(phrase.toLowerCase(), key);
      }
      expect(normalizeFeatures([key])).toEqual([key]);
    }
  });

  test('a malformed synonyms file is rejected naming the key', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'synonyms-'));
    await writeFile(join(dir, 'bad.yaml'), 'Not Snake: [x]\n');
    expect(() => loadSynonymTable(join(dir, 'bad.yaml'))).toThrow(PatternLibraryError);
    expect(() => loadSynonymTable(join(dir, 'bad.yaml'))).toThrow(/bad\.yaml: Not Snake/);
  });
});
