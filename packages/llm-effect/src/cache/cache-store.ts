import { LRUCache } from 'lru-cache';

/** What a cache write knows besides the answer. */
export interface CacheEntryMeta {
  correlationId?: string;
}

/**
 * Where cached responses live. Small and structural on purpose: a database-backed store (the
 * metrics package) implements it without importing this package.
 */
export interface ResponseCacheStore {
  /** The serialised response stored under `key` (a hex hash), or undefined. */
  get(key: string): Promise<string | undefined>;
  /**
   * `meta.correlationId`: the caller's correlation id, given only when the request carried one. A
   * store that records generations can tie the entry to it and serve the entry only once that
   * generation's own record exists (records that agree; see @onexgen/metrics).
   */
  set(key: string, value: string, ttlSeconds: number, meta?: CacheEntryMeta): Promise<void>;
  delete(key: string): Promise<void>;
}

/** The built-in store: an in-memory LRU with per-entry TTL (lru-cache). */
export class MemoryResponseCache implements ResponseCacheStore {
  private readonly lru: LRUCache<string, string>;

  constructor(maxEntries = 1_000) {
    this.lru = new LRUCache<string, string>({ max: maxEntries });
  }

  async get(key: string): Promise<string | undefined> {
    return this.lru.get(key);
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    this.lru.set(key, value, { ttl: ttlSeconds * 1000 });
  }

  async delete(key: string): Promise<void> {
    this.lru.delete(key);
  }

  get size(): number {
    return this.lru.size;
  }
}
