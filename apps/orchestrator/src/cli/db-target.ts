// What a database may be named as (--db, DATABASE_URL, a config file's `db`), checked before anything
// is opened: a typo or a foreign URL (mysql://…) must not become a PGlite folder of that name.
// Regexes only: this module is loaded by `--help`.
import { OnexgenError } from '@onexgen/pipeline/errors';

export const DB_FORMS = 'memory:// (kept for this run only), a directory path (embedded PGlite), or a postgres:// or postgresql:// URL';
export const DB_OPTION_HELP = `database: ${DB_FORMS} (default DATABASE_URL, then .onexgen/db)`;

export type DbKind = 'memory' | 'embedded' | 'postgres';

// anything that starts like a URL scheme (two or more letters and a colon: `postgres:/x`, `sqlite:db`,
// `memory:`) is a URL, never a folder name; a one-letter one stays a path (a Windows drive, C:\x)
const SCHEME = /^[a-z][a-z0-9+.-]+:/i;

/** The kind of an accepted value, or an exit-2 error naming the accepted forms and where the value came from. */
export function dbKind(value: string | undefined, source: string): DbKind {
  const target = value?.trim();
  if (!target) return 'embedded';
  if (/^memory:\/\/$/i.test(target)) return 'memory';
  if (/^postgres(ql)?:\/\/./i.test(target)) return 'postgres';
  if (!SCHEME.test(target)) return 'embedded';
  const shown = target.replace(/\/\/[^@/]*@/, '//***@');
  throw new OnexgenError('USAGE', `${source}: "${shown}" is not a database onexgen can use; give ${DB_FORMS}`, { where: source });
}

/** Where the configured `db` came from, in the words a user would look for it. */
export function dbSource(origin: string | undefined, files: readonly string[]): string {
  if (origin === 'flag') return '--db';
  if (origin === 'env') return 'DATABASE_URL';
  if (origin === 'project' || origin === 'user') return `${files[origin === 'user' ? 0 : files.length - 1] ?? 'config file'}: db`;
  return 'db';
}
