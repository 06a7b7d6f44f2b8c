import { LRUCache } from 'lru-cache';

/**
 * Where cached responses live. Small and structural on purpose: a database-backed store (the
 * metrics package) implements it without importing this package.
 */
export interface ResponseCacheStore {
  /** The serialised response stored under `key` (a hex hash), or undefined. */
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
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
