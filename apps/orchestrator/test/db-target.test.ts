// --db / DATABASE_URL / a config file's db: only the documented forms pass; anything that looks like
// a URL of another kind (or a mistyped one) is refused naming the forms, before anything is opened.
import { describe, expect, test } from '@jest/globals';
import { dbKind } from '../src/cli/db-target.js';

describe('dbKind', () => {
  test.each([
    [undefined, 'embedded'],
    ['', 'embedded'],
    ['.onexgen/db', 'embedded'],
    ['/var/lib/onexgen', 'embedded'],
    ['C:\\onexgen\\db', 'embedded'],
    ['memory://', 'memory'],
    ['MEMORY://', 'memory'],
    ['postgres://me@db/x', 'postgres'],
    ['postgresql://db:5432/x', 'postgres'],
  ])('%s → %s', (value, kind) => {
    expect(dbKind(value, '--db')).toBe(kind);
  });

  test.each(['mysql://x', 'postgres:/x', 'postgres://', 'sqlite:foo.db', 'memory:', 'memory://x', 'file:///tmp/db', 'http://db'])(
    '%s is refused naming the accepted forms and the source',
    (value) => {
      expect(() => dbKind(value, 'DATABASE_URL')).toThrow(/^DATABASE_URL: ".*" is not a database onexgen can use; give memory:\/\/.*a directory path.*postgres:\/\//);
    },
  );

  test('a password in a refused URL is masked', () => {
    expect(() => dbKind('mysql://me:hunter2@db/x', '--db')).toThrow('"mysql://***@db/x"');
  });
});
