// BM25 + structure ranking, node files without specs, and the content-hash cache.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from '@jest/globals';
import { buildContext, buildReferenceIndex, clearReferenceMemoryCache } from '../src/index.js';
import { databaseEffectInput, REFERENCE_DIR, realSources, type RealSources } from './helpers.js';

let real: RealSources;
const DB_FEATURES = ['Connection pooling (10-50 connections)', 'Transactions', 'Error handling', 'Retry with backoff', 'Metrics'];

beforeAll(async () => {
  real = await realSources();
});

describe('BM25 + structure', () => {
  test('the database node first for a database query; similarity falls with relevance; threshold and limit applied', () => {
    const refs = real.index.find({ nodeType: 'effect', features: DB_FEATURES, method: 'execute_effect', text: 'Run a parameterised PostgreSQL query in a transaction', threshold: 0 });
    expect(refs[0]).toMatchObject({ id: 'postgres_query:execute_effect', similarity: 1 });
    expect(refs[0]!.matchedTerms).toEqual(expect.arrayContaining(['parameterised', 'transaction']));
    const ids = refs.map((r) => r.id);
    expect(ids.indexOf('mysql_crud:execute_effect')).toBeGreaterThan(0);
    for (let i = 1; i < refs.length; i++) expect(refs[i]!.similarity).toBeLessThanOrEqual(refs[i - 1]!.similarity);
    expect(real.index.find({ nodeType: 'effect', features: DB_FEATURES, method: 'execute_effect', text: 'PostgreSQL', threshold: 0, limit: 1 })).toHaveLength(1);
    // a query nothing in the index talks about finds nothing above the default threshold
    expect(real.index.find({ nodeType: 'reducer', features: ['zebra'], method: 'count_zebras', text: 'stripes' })).toEqual([]);
  });

  test('the I/O kind counts: an HTTP query ranks the HTTP gateway first', () => {
    const [ref] = real.index.find({ nodeType: 'effect', features: ['Retry with backoff'], method: 'execute_effect', text: 'Call the partner REST API endpoint' });
    expect(ref).toMatchObject({ id: 'http_gateway:execute_effect' });
  });

  test('buildContext sends the spec and method prose: the references section holds the most relevant method', () => {
    const built = buildContext(databaseEffectInput(), real.sources);
    expect(built.metadata.references.ids[0]).toBe('postgres_query:execute_effect');
    expect(built.sections.find((s) => s.id === 'references')!.content).toContain('async def execute_effect');
  });
});

describe('node files without a spec', () => {
  test('are indexed from the file itself (node class, docstrings); placeholder bodies are never offered', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-refs-'));
    writeFileSync(
      join(dir, 'node_ledger_effect.py'),
      [
        'import asyncpg',
        'from omnibase_core.nodes.node_effect import NodeEffect',
        '',
        'class NodeLedgerEffect(NodeEffect):',
        '    """Ledger entries in PostgreSQL."""',
        '',
        '    async def post_entry(self, account: str, amount_cents: int) -> int:',
        '        """Insert a ledger entry and return its id."""',
        '        async with self.pool.acquire() as conn:',
        '            return await conn.fetchval("INSERT INTO ledger (account, amount) VALUES ($1, $2) RETURNING id", account, amount_cents)',
        '',
        '    async def reverse_entry(self, entry_id: int) -> int:',
        '        """Insert the opposite of a ledger entry."""',
        '        raise NotImplementedError',
        '',
      ].join('\n'),
    );
    const idx = buildReferenceIndex({ parser: real.parser, dir });
    expect(idx.size).toBe(1);
    expect(idx.countByNodeType('effect')).toBe(1);
    expect(idx.stats.methods).toBe(1);
    const found = idx.find({ nodeType: 'effect', features: [], method: 'reverse_entry', text: 'Insert the opposite of a ledger entry', threshold: 0 });
    expect(found.map((r) => [r.id, r.methodMatch])).toEqual([['ledger:post_entry', 'similar-method']]);
  });
});

describe('content-hash cache', () => {
  test('a second index over the same files reads them from the cache directory and ranks the same', () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'cb-refcache-'));
    clearReferenceMemoryCache();
    const first = buildReferenceIndex({ parser: real.parser, dir: REFERENCE_DIR, cacheDir });
    clearReferenceMemoryCache();
    const second = buildReferenceIndex({ parser: real.parser, dir: REFERENCE_DIR, cacheDir });
    expect(first.stats.fromCache).toBe(0);
    expect(second.stats).toEqual({ ...first.stats, fromCache: first.stats.files });
    const q = { nodeType: 'effect' as const, features: DB_FEATURES, method: 'execute_effect', text: 'PostgreSQL query' };
    expect(second.find(q)).toEqual(first.find(q));
  });
});
