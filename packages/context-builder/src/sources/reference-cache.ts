// Reference files are read once per content: a cache keyed by the SHA-256 of the file's text. In
// memory for the process, and optionally in a directory (one JSON file per hash) so the next run
// skips parsing files that did not change. A damaged cache entry is ignored and rewritten.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NODE_TYPES } from '@onexgen/onex';
import { z } from 'zod';
import type { ReadNodeFile } from './reference-node.js';

export interface ReferenceCache {
  get(hash: string): ReadNodeFile | undefined;
  set(hash: string, value: ReadNodeFile): void;
}

/** bump when ReadNodeFile changes shape, so old entries are re-read instead of misread */
const CACHE_VERSION = 1;

const ReadNodeFileSchema = z.object({
  className: z.string(),
  inferredNodeType: z.enum(NODE_TYPES).optional(),
  classDocstring: z.string(),
  modules: z.array(z.string()),
  methods: z.array(z.object({ name: z.string(), code: z.string(), docstring: z.string(), params: z.array(z.string()), calls: z.array(z.string()), placeholder: z.boolean() })),
});
const EntrySchema = z.object({ version: z.literal(CACHE_VERSION), file: ReadNodeFileSchema });

const memory = new Map<string, ReadNodeFile>();

/** The process-wide in-memory cache, backed by `dir` when given. */
export function createReferenceCache(dir?: string): ReferenceCache {
  return {
    get(hash) {
      const hit = memory.get(hash);
      if (hit || !dir) return hit;
      try {
        const parsed = EntrySchema.safeParse(JSON.parse(readFileSync(join(dir, `${hash}.json`), 'utf8')));
        if (!parsed.success) return undefined;
        memory.set(hash, parsed.data.file);
        return parsed.data.file;
      } catch {
        return undefined;
      }
    },
    set(hash, value) {
      memory.set(hash, value);
      if (!dir) return;
      try {
        mkdirSync(dir, { recursive: true });
        // written aside and renamed, so a concurrent run never reads half an entry
        const tmp = join(dir, `${hash}.${process.pid}.tmp`);
        writeFileSync(tmp, JSON.stringify({ version: CACHE_VERSION, file: value }));
        renameSync(tmp, join(dir, `${hash}.json`));
      } catch {
        // a cache that cannot be written costs a parse next time, nothing more
      }
    },
  };
}

/** Forgets the in-memory entries (tests and benchmarks that measure a cold index). */
export function clearReferenceMemoryCache(): void {
  memory.clear();
}
