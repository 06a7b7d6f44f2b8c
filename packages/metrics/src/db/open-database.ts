// One drizzle API over two engines: PGlite on a thread of its own (embedded default, or memory for tests) and a
// real PostgreSQL server through postgres.js. Only the app opens the database; packages take a handle.
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { z } from 'zod';
import { DatabaseConnectionError, MetricsError } from '../errors.js';
import { loadPgliteTemplate } from '../pglite-template.js';
import { unpackPgliteTemplate } from '../pglite-template-extract.js';
import { acquireProcessLock } from '../process-lock.js';
import { PgliteThreadClient } from './pglite-thread-client.js';
import { describePostgresUrl, redactSecret } from './redact.js';

/**
 * The drizzle database both engines are used through: PGlite's and postgres.js's databases, and the
 * transactions either opens, are all assignable to it as they are (no cast).
 */
export type MetricsDb = PgDatabase<PgQueryResultHKT, Record<string, never>>;

export interface DatabaseHandle {
  db: MetricsDb;
  kind: 'pglite' | 'postgres';
  /** Where the data lives, safe to log (no password). */
  location: string;
  close(): Promise<void>;
}

const optionsSchema = z.object({
  /** postgres.js pool size (connections). */
  poolSize: z.number().int().min(1).max(500).default(10),
  /** Seconds to wait for a server connection before failing. */
  connectTimeoutSeconds: z.number().positive().max(600).default(10),
  /** Run `select 1` on open so a wrong URL fails here, naming host and cause. Off: connect lazily. */
  verify: z.boolean().default(true),
  /** Base folder for the embedded default `.onexgen/db` and for relative paths. */
  cwd: z.string().min(1).optional(),
  /**
   * A new embedded database (memory://, or a folder that is absent or empty) starts from the
   * build's pre-migrated PGlite template instead of initdb (much faster; see pglite-template.ts).
   * For callers that migrate right after opening; off: the database starts empty.
   */
  fromTemplate: z.boolean().default(false),
  /** Stops opening an embedded database (its thread is ended) and rejects with the signal's reason. */
  signal: z.instanceof(AbortSignal).optional(),
});
export type OpenDatabaseOptions = z.input<typeof optionsSchema>;

export const DEFAULT_EMBEDDED_PATH = '.onexgen/db';

/**
 * No URL → PGlite on disk at `.onexgen/db` under cwd; `memory://` → PGlite in memory;
 * `postgres://` / `postgresql://` → a postgres.js pool; anything else (or `file://…`) → PGlite at that path.
 */
export async function openDatabase(url?: string, options: OpenDatabaseOptions = {}): Promise<DatabaseHandle> {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MetricsError('DB_URL_INVALID', `openDatabase option ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const opts = parsed.data;
  const target = url?.trim() || undefined;
  if (target && /^postgres(ql)?:\/\//i.test(target)) return openPostgres(target, opts);
  if (target && /^memory:\/\//i.test(target)) return openPglite(undefined, opts.fromTemplate, opts.signal);
  const base = opts.cwd ?? process.cwd();
  const path = target ? target.replace(/^file:\/\//i, '') : DEFAULT_EMBEDDED_PATH;
  return openPglite(isAbsolute(path) ? path : resolve(base, path), opts.fromTemplate, opts.signal);
}

function isNewDatabase(dataDir: string | undefined): boolean {
  return dataDir === undefined || !existsSync(dataDir) || readdirSync(dataDir).length === 0;
}

async function openPglite(dataDir: string | undefined, fromTemplate: boolean, signal: AbortSignal | undefined): Promise<DatabaseHandle> {
  const location = dataDir ?? 'memory://';
  let release = async () => {};
  let client: PgliteThreadClient;
  try {
    if (dataDir) {
      mkdirSync(dataDir, { recursive: true });
      // PGlite is single-process: a second instance on the same folder would corrupt it.
      release = await acquireProcessLock(`${dataDir}.lock`, `The embedded database ${dataDir}`, 'DB_IN_USE');
    }
    const template = fromTemplate && isNewDatabase(dataDir) ? loadPgliteTemplate() : undefined;
    // a new folder: the template unpacked by Node, opened as it stands (faster than loadDataDir)
    if (template && dataDir) await unpackPgliteTemplate(new Uint8Array(await template.arrayBuffer()), dataDir);
    // PGlite runs on a thread of its own: its start-up and statements leave this thread free
    const inMemory = template && !dataDir ? new Uint8Array(await template.arrayBuffer()) : undefined;
    client = await PgliteThreadClient.open(dataDir, inMemory, signal);
  } catch (cause) {
    await release();
    if (cause instanceof MetricsError) throw cause;
    if (signal?.aborted) throw signal.reason;
    throw new DatabaseConnectionError(`Could not open the embedded database at ${location}: ${messageOf(cause)}`, {
      cause,
    });
  }
  // drizzle's PGlite driver calls only query() and transaction(), which the thread client provides
  const db = drizzlePglite({ client: client as unknown as PGlite });
  return {
    db,
    kind: 'pglite',
    location,
    close: async () => {
      try {
        await client.close();
      } finally {
        await release();
      }
    },
  };
}

async function openPostgres(url: string, opts: z.output<typeof optionsSchema>): Promise<DatabaseHandle> {
  const where = describePostgresUrl(url);
  let client: postgres.Sql;
  try {
    client = postgres(url, {
      max: opts.poolSize,
      connect_timeout: opts.connectTimeoutSeconds,
      idle_timeout: 30,
      // "relation already exists, skipping" and friends are not worth a console line.
      onnotice: () => {},
    });
  } catch (cause) {
    throw new MetricsError('DB_URL_INVALID', `Invalid PostgreSQL URL for ${where}: ${redactSecret(messageOf(cause), url)}`);
  }
  const db = drizzlePostgres(client);
  if (opts.verify) {
    try {
      await db.execute(sql`select 1`);
    } catch (cause) {
      await client.end({ timeout: 0 }).catch(() => undefined);
      const reason = redactSecret(messageOf(cause), url);
      throw new DatabaseConnectionError(`Could not connect to PostgreSQL at ${where}: ${reason}`, {
        cause: reason === messageOf(cause) ? cause : undefined,
      });
    }
  }
  return { db, kind: 'postgres', location: where, close: () => client.end({ timeout: 5 }) };
}

/** The innermost useful message (drizzle wraps driver errors as "Failed query: …"). */
export function messageOf(err: unknown): string {
  let current: unknown = err;
  let message = String(err);
  // Duck-typed on purpose: errors from Node's core (sockets) may come from another realm (jest VM).
  for (let depth = 0; isErrorLike(current) && depth < 5; depth += 1) {
    const code = current.code;
    if (current.message || typeof code === 'string') {
      message = current.message + (typeof code === 'string' && !current.message.includes(code) ? ` (${code})` : '');
    }
    current = current.cause;
  }
  return message;
}

function isErrorLike(value: unknown): value is { message: string; code?: unknown; cause?: unknown } {
  return typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string';
}
