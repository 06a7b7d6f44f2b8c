import { parseOrThrow } from '../schemas.js';
import { DEFAULT_CONFIG } from './defaults.js';
import { PUBLIC_BASE_URLS } from './public-endpoints.js';
import { llmConfigSchema, type LLMConfig, type LLMConfigInput } from './schema.js';

/** Partial configuration for one layer of the cascade (any field may be left out). */
export type LLMConfigLayer = DeepPartial<LLMConfigInput>;

type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/**
 * Deep merge for configuration: objects merge key by key, arrays and scalars from the later
 * layer replace the earlier one (a chain is replaced as a whole, never spliced), undefined is ignored.
 */
export function deepMerge<T>(base: T, layer: unknown): T {
  if (layer === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(layer)) return layer as T;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(layer)) {
    if (value === undefined) continue;
    out[key] = key in out ? deepMerge(out[key], value) : value;
  }
  return out as T;
}

/**
 * The configuration cascade: system defaults < project < agent/method (later layers win),
 * deep-merged, then validated once with zod (an error names the field). A provider that names its
 * kind but no base URL gets the kind's public endpoint (PUBLIC_BASE_URLS), as the built-in ones have.
 */
export function resolveLLMConfig(...layers: Array<LLMConfigLayer | undefined>): LLMConfig {
  const merged = layers.reduce<unknown>((acc, layer) => deepMerge(acc, layer), DEFAULT_CONFIG);
  const config = parseOrThrow(llmConfigSchema, merged, 'LLM configuration');
  for (const provider of Object.values(config.providers)) provider.baseUrl ??= PUBLIC_BASE_URLS[provider.kind];
  return config;
}
