import type { CatalogEntry } from '../catalog/catalog.js';
import type { Usage } from '../schemas.js';

/**
 * USD per million tokens → pico-dollars per token (an integer for any price with ≤ 6 decimals).
 * All arithmetic below is on integers so that sums of many calls never drift.
 */
const picoPerToken = (usdPerMillion: number | undefined): number => Math.round((usdPerMillion ?? 0) * 1e6);

/**
 * Cost of one call in integer micro-dollars. `inputTokens` includes cached and cache-write tokens;
 * each part is priced at its own rate (cached input falls back to the input price when unpriced).
 */
export function costMicros(entry: CatalogEntry | undefined, usage: Usage): number {
  if (!entry) return 0;
  const p = entry.prices;
  const cached = Math.min(usage.cachedInputTokens, usage.inputTokens);
  const written = Math.min(usage.cacheWriteTokens, usage.inputTokens - cached);
  const fresh = usage.inputTokens - cached - written;
  const pico =
    fresh * picoPerToken(p.input) +
    cached * picoPerToken(p.cachedInput ?? p.input) +
    written * picoPerToken(p.cacheWrite ?? p.input) +
    usage.outputTokens * picoPerToken(p.output);
  // Round half up, once, at the end.
  return Math.floor((pico + 500_000) / 1_000_000);
}

export const microsToUsd = (micros: number): number => micros / 1e6;
export const usdToMicros = (usd: number): number => Math.round(usd * 1e6);
