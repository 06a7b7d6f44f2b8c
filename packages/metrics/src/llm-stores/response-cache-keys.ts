// The keys of the response cache's live entries, in one statement. A process that is the only
// writer of its database (the embedded PGlite, held under its lock) can answer most lookups from
// this set without a statement: a key that is not in it is a miss, whatever the row would say.
import { gt, isNull, or } from 'drizzle-orm';
import type { DatabaseHandle } from '../db/open-database.js';
import { responseCache } from '../schema/llm-effect-stores.js';

/** Keys of entries not expired at `now` (whether their generation has committed is for `get` to say). */
export async function liveCacheKeys(handle: DatabaseHandle, now: Date = new Date()): Promise<Set<string>> {
  const c = responseCache;
  const rows = await handle.db
    .select({ keyHash: c.keyHash })
    .from(c)
    .where(or(isNull(c.expiresAt), gt(c.expiresAt, now)));
  return new Set(rows.map((r) => r.keyHash));
}
