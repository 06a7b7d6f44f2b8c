import { describe, expect, test } from '@jest/globals';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPatternCatalog, PatternLibraryError } from '../src/index.js';
import { CATALOG_DIR } from '../src/catalog/load-catalog.js';

const UPSTREAM = [
  'error_handling', 'health_check_mode', 'event_publishing', 'structured_logging', 'metrics_tracking',
  'time_tracking', 'consul_registration', 'consul_deregistration', 'kafka_client_initialization',
  'lifecycle_hooks', 'service_resolution', 'standard_imports', 'class_declaration', 'initialization_pattern',
  'execute_effect', 'execute_reducer', 'execute_orchestrator', 'main_entry_point', 'type_hints',
  'defensive_config', 'environment_fallback',
];
const OURS = ['connection_pooling', 'transaction_management', 'circuit_breaker', 'retry_backoff', 'timeout_handling', 'caching', 'input_validation', 'batch_processing'];

describe('shipped catalog', () => {
  test('holds the 21 upstream patterns and the 8 context patterns, versioned, one file each', async () => {
    const catalog = await loadPatternCatalog();
    const names = catalog.patterns.map((p) => p.name);
    for (const name of [...UPSTREAM, ...OURS]) expect(names).toContain(name);
    expect(catalog.patterns).toHaveLength(29);
    for (const p of catalog.patterns) {
      expect(p.id).toBe(`${p.name}_v${p.version}`);
      expect(p.source).toBe('catalog');
      expect(catalog.get(p.id)).toBe(p);
    }
    expect(catalog.patterns.map((p) => p.id)).toEqual([...catalog.patterns.map((p) => p.id)].sort());
  });

  test('flags error_handling and standard_imports as critical and nothing else', async () => {
    const catalog = await loadPatternCatalog();
    expect(catalog.patterns.filter((p) => p.critical).map((p) => p.name).sort()).toEqual(['error_handling', 'standard_imports']);
  });

  test('uses only real EnumCoreErrorCode members in examples', async () => {
    const reference = await readFile(new URL('../../../../shared/onex-reference.md', import.meta.url), 'utf8').catch(() => '');
    const catalog = await loadPatternCatalog();
    for (const p of catalog.patterns) {
      for (const [, member] of p.codeExample.matchAll(/EnumCoreErrorCode\.([A-Z_]+)/g)) {
        expect(['EXECUTION_ERROR', 'NOT_IMPLEMENTED', 'EXTERNAL_SERVICE_ERROR']).not.toContain(member);
        if (reference) expect(reference).toContain(` ${member}`);
      }
    }
  });
});

describe('user pattern directories', () => {
  const userPattern = (id: string, name: string) => `id: ${id}
name: ${name}
category: data
tags: [${name}, outbox]
node_types: [effect]
features: [${name}]
description: Write the event to an outbox table in the same transaction as the change.
code_example: |
  async def save(pool, row):
      return row
guidelines: [Poll the outbox]
pitfalls: [Deleting before publishing]
`;

  test('adds a user pattern and lets a same id replace the shipped one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'patterns-'));
    await writeFile(join(dir, 'outbox.yaml'), userPattern('transactional_outbox_v1', 'transactional_outbox'));
    await writeFile(join(dir, 'caching.yml'), userPattern('caching_v1', 'caching'));
    const catalog = await loadPatternCatalog({ extraDirs: [dir] });
    expect(catalog.get('transactional_outbox_v1')?.source).toBe('user');
    expect(catalog.get('caching_v1')?.source).toBe('user');
    expect(catalog.patterns).toHaveLength(30);
  });

  test('rejects a bad file naming the file and the field', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'patterns-'));
    await writeFile(join(dir, 'bad.yaml'), userPattern('transactional_outbox_v1', 'transactional_outbox').replace('category: data', 'category: magic'));
    const error = await loadPatternCatalog({ extraDirs: [dir] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PatternLibraryError);
    expect((error as PatternLibraryError).code).toBe('CATALOG_INVALID');
    expect((error as Error).message).toContain('bad.yaml');
    expect((error as Error).message).toMatch(/category/);
    const other = await mkdtemp(join(tmpdir(), 'patterns-'));
    await writeFile(join(other, 'mismatch.yaml'), userPattern('outbox_v1', 'transactional_outbox'));
    await expect(loadPatternCatalog({ extraDirs: [other] })).rejects.toThrow(/mismatch\.yaml: id: must be "transactional_outbox_v<version>"/);
  });

  test('the shipped patterns are read once per process and frozen; a user directory is read on every load', async () => {
    const first = await loadPatternCatalog();
    const second = await loadPatternCatalog();
    const id = first.patterns[0]!.id;
    // one object per shipped pattern across loads, so no load may change it for the others
    expect(second.get(id)).toBe(first.get(id));
    expect(Object.isFrozen(first.get(id))).toBe(true);
    expect(() => {
      (first.get(id) as { guidelines: string[] }).guidelines.push('changed');
    }).toThrow(TypeError);
    const dir = await mkdtemp(join(tmpdir(), 'patterns-'));
    await writeFile(join(dir, 'outbox.yaml'), userPattern('transactional_outbox_v1', 'transactional_outbox'));
    expect((await loadPatternCatalog({ extraDirs: [dir] })).get('transactional_outbox_v1')?.description).toMatch(/^Write the event/);
    await writeFile(join(dir, 'outbox.yaml'), userPattern('transactional_outbox_v1', 'transactional_outbox').replace('Write the event', 'Store the event'));
    expect((await loadPatternCatalog({ extraDirs: [dir] })).get('transactional_outbox_v1')?.description).toMatch(/^Store the event/);
  });

  test('rejects a duplicate id within one directory and an unreadable directory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'patterns-'));
    await writeFile(join(dir, 'a.yaml'), userPattern('outbox_v1', 'outbox'));
    await writeFile(join(dir, 'b.yaml'), userPattern('outbox_v1', 'outbox'));
    await expect(loadPatternCatalog({ extraDirs: [dir] })).rejects.toMatchObject({ code: 'CATALOG_DUPLICATE_ID' });
    await expect(loadPatternCatalog({ extraDirs: [join(dir, 'missing')] })).rejects.toMatchObject({ code: 'CATALOG_DIR_UNREADABLE' });
    expect(CATALOG_DIR).toMatch(/data[\\/]patterns$/);
  });
});
