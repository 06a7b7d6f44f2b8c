// New embedded databases start from the build's pre-migrated template (pglite-template/): nothing
// pending before migrate(), the data is a real database that keeps what is written, an existing
// database is never replaced, and a template made from other migrations is not used.
import { afterAll, expect, test } from '@jest/globals';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMetricsStore, migrate, migrationStatus, openDatabase } from '../src/index.js';
import { loadPgliteTemplate, PGLITE_TEMPLATE_DIR, TEMPLATE_META } from '../src/pglite-template.js';
import { ATTEMPTS } from './support/seed-data.js';

const work = mkdtempSync(join(tmpdir(), 'metrics-template-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

test('the build made a template that matches these migrations', () => {
  expect(existsSync(join(PGLITE_TEMPLATE_DIR, TEMPLATE_META))).toBe(true);
  expect(loadPgliteTemplate()?.size).toBeGreaterThan(1_000_000);
});

test('a template made from other migrations (or another PGlite) is not used', () => {
  const stale = join(work, 'stale');
  cpSync(PGLITE_TEMPLATE_DIR, stale, { recursive: true });
  expect(loadPgliteTemplate(stale)).toBeInstanceOf(Blob);
  writeFileSync(join(stale, TEMPLATE_META), JSON.stringify({ pglite: '0.5.16', migrations: 'f'.repeat(64) }));
  expect(loadPgliteTemplate(stale)).toBeUndefined();
  writeFileSync(join(stale, TEMPLATE_META), '{not json');
  expect(loadPgliteTemplate(stale)).toBeUndefined();
});

test('a new folder starts migrated, keeps its data, and is not replaced when opened again', async () => {
  const dir = join(work, 'db');
  const first = await openDatabase(dir, { fromTemplate: true });
  try {
    const status = await migrationStatus(first);
    expect(status.total).toBeGreaterThan(0);
    expect(status).toEqual({ applied: status.total, total: status.total, pending: 0 });
    expect((await migrate(first)).applied).toBe(0);
    const store = await createMetricsStore(first);
    await store.record('attempt', ATTEMPTS[0]!);
    await store.close();
  } finally {
    await first.close();
  }
  expect(existsSync(join(dir, 'PG_VERSION'))).toBe(true);

  const again = await openDatabase(dir, { fromTemplate: true });
  try {
    const store = await createMetricsStore(again);
    expect((await store.aggregate()).attempts.count).toBe(1);
    await store.close();
  } finally {
    await again.close();
  }
}, 120_000);
