// Running from source, the repository's migrations/ is used even when a build left a copy behind.
import { expect, test } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { findMigrationsDir } from '../src/migrations-dir.js';

test('from source, migrations come from the repository root', () => {
  expect(findMigrationsDir()).toBe(fileURLToPath(new URL('../../../migrations/', import.meta.url)));
});
