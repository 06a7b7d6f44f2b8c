import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';

/**
 * Any drizzle PostgreSQL handle: PGlite (embedded, tests) or postgres.js (a real server). The
 * caller opens and migrates it; this package only reads and writes its own tables.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type PatternDb = PgDatabase<PgQueryResultHKT, any>;
