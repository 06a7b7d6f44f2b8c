// The template set's version: the same texts give the same id; one edited template changes it and
// the name says which set it is.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from '@jest/globals';
import { loadTemplateSet, TEMPLATES_DIR } from '@onexgen/context-builder';

const tmp = mkdtempSync(join(tmpdir(), 'onexgen-template-version-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

test('name@sha256 prefix, stable for the same texts, changed by an edit', () => {
  const shipped = loadTemplateSet();
  expect(shipped.version).toMatch(/^default@[0-9a-f]{12}$/);
  // a copy of the shipped texts under another name: same hash, other name
  const same = join(tmp, 'same');
  cpSync(TEMPLATES_DIR, same, { recursive: true });
  expect(loadTemplateSet(same).version).toBe(`same@${shipped.version.split('@')[1]}`);
  const edited = join(tmp, 'edited');
  cpSync(TEMPLATES_DIR, edited, { recursive: true });
  writeFileSync(join(edited, 'instructions.mustache'), `${readFileSync(join(edited, 'instructions.mustache'), 'utf8')}\nThink about edge cases first.\n`);
  const v = loadTemplateSet(edited).version;
  expect(v).toMatch(/^edited@[0-9a-f]{12}$/);
  expect(v.split('@')[1]).not.toBe(shipped.version.split('@')[1]);
});
