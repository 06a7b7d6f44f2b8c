// The template is unpacked all or nothing into a new folder: the real template gives a data
// directory (opening it is pglite-template.test.ts), and a broken archive, an entry outside the
// folder or a folder that already holds files leave nothing half made.
import { afterAll, expect, test } from '@jest/globals';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { packTar } from 'modern-tar';
import { unpackPgliteTemplate } from '../src/pglite-template-extract.js';
import { PGLITE_TEMPLATE_DIR, TEMPLATE_DATA } from '../src/pglite-template.js';

const work = mkdtempSync(join(tmpdir(), 'metrics-template-unpack-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const leftovers = () => readdirSync(work).filter((f) => f.includes('.partial-'));

test('the shipped template unpacks into a PostgreSQL data directory', async () => {
  const dir = join(work, 'fresh');
  mkdirSync(dir); // openDatabase makes the folder before it takes the lock
  await unpackPgliteTemplate(readFileSync(join(PGLITE_TEMPLATE_DIR, TEMPLATE_DATA)), dir);
  expect(readFileSync(join(dir, 'PG_VERSION'), 'utf8').trim()).toMatch(/^\d+$/);
  expect(readdirSync(join(dir, 'base')).length).toBeGreaterThan(0);
  expect(leftovers()).toEqual([]);
});

test('a broken archive leaves neither the folder nor a partial copy', async () => {
  const dir = join(work, 'broken');
  await expect(unpackPgliteTemplate(Buffer.from('not gzip at all'), dir)).rejects.toThrow();
  expect(existsSync(dir)).toBe(false);
  expect(leftovers()).toEqual([]);
});

test('an entry that would land outside the folder fails the whole unpack', async () => {
  const evil = gzipSync(
    await packTar([
      { header: { name: 'PG_VERSION', size: 3, type: 'file' }, body: '17\n' },
      { header: { name: '../escaped', size: 2, type: 'file' }, body: 'x\n' },
    ]),
  );
  const dir = join(work, 'evil');
  await expect(unpackPgliteTemplate(evil, dir)).rejects.toThrow(/outside the data directory/);
  expect(existsSync(join(work, 'escaped'))).toBe(false);
  expect(existsSync(dir)).toBe(false);
  expect(leftovers()).toEqual([]);
});

test('a folder that already holds files is left as it is', async () => {
  const dir = join(work, 'occupied');
  mkdirSync(dir);
  writeFileSync(join(dir, 'mine.txt'), 'keep');
  await expect(unpackPgliteTemplate(readFileSync(join(PGLITE_TEMPLATE_DIR, TEMPLATE_DATA)), dir)).rejects.toThrow(/ENOTEMPTY|EEXIST/);
  expect(readdirSync(dir)).toEqual(['mine.txt']);
  expect(leftovers()).toEqual([]);
});
