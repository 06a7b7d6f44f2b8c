import type { CatalogEntry } from '../catalog/catalog.js';
import type { Usage } from '../schemas.js';
import { MICROS_PER_USD, usdToMicros } from '@onexgen/onex';

/**
 * USD per million tokens → pico-dollars per token (an integer for any price with ≤ 6 decimals).
 * All arithmetic below is on integers so that sums of many calls never drift. (Per million tokens →
 * per token is ÷1e6 and dollars → pico-dollars ×1e12: the dollars → micro-dollars step.)
 */
const picoPerToken = (usdPerMillion: number | undefined): number => usdToMicros(usdPerMillion ?? 0);

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
  return Math.floor((pico + MICROS_PER_USD / 2) / MICROS_PER_USD);
}

// money conversions are the shared vocabulary's (@onexgen/onex), re-exported for this package's users
export { microsToUsd, usdToMicros } from '@onexgen/onex';
