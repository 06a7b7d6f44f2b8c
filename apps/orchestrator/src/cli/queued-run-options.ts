// What `generate --queue` stores with a run for the workers: the configuration as the enqueuer
// resolved it, without its database (a URL may hold a password; each worker names its own) and
// never a key (keys stay in each worker's environment). Read back through zod, so a row written by
// another version fails with the field named instead of half-working.
import { z } from 'zod';
import type { LoadedConfig } from '../config/load-config.js';
import { ConfigLayerSchema, DEFAULTS } from '../config/schema.js';

const loadedSchema = z.object({
  config: ConfigLayerSchema,
  origin: z.record(z.string(), z.enum(['default', 'user', 'project', 'env', 'flag', 'method'])),
  files: z.array(z.string()),
  llmLayers: z.array(z.record(z.string(), z.unknown())),
});

export const queuedRunOptions = z.object({
  version: z.literal(1),
  loaded: loadedSchema,
  /** whether the enqueuer was offline (no provider configured) */
  offline: z.boolean(),
  /** the enqueuer's description of the model (for the report) */
  provider: z.string().optional(),
});
export type QueuedRunOptions = z.infer<typeof queuedRunOptions>;

export function runOptionsOf(loaded: LoadedConfig, offline: boolean, provider?: string): QueuedRunOptions {
  return {
    version: 1,
    loaded: { config: withoutDb(loaded.config), origin: loaded.origin, files: loaded.files, llmLayers: loaded.llmLayers },
    offline,
    ...(provider ? { provider } : {}),
  };
}

export function readRunOptions(value: unknown): { loaded: LoadedConfig; offline: boolean; provider?: string } {
  const parsed = queuedRunOptions.parse(value);
  const loaded: LoadedConfig = { ...parsed.loaded, config: { ...DEFAULTS, ...parsed.loaded.config } };
  return { loaded, offline: parsed.offline, ...(parsed.provider ? { provider: parsed.provider } : {}) };
}

function withoutDb<T extends { db?: string }>(config: T): Omit<T, 'db'> {
  const { db: _db, ...rest } = config;
  return rest;
}
