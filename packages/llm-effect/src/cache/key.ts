import { createHash } from 'node:crypto';
import type { Target } from '../config/schema.js';

export interface CacheKeyInput {
  system?: string;
  prompt: string;
  targets: Target[];
  maxOutputTokens: number;
  temperature?: number;
  stop?: string[];
}

// Same meaning, same key: line endings and trailing spaces do not change what a model sees.
const normalise = (text: string) => text.replace(/\r\n?/g, '\n').replace(/[ \t]+$/gm, '').trim();

/**
 * sha256 over the normalised prompt, system prompt, target chain and parameters. Only these go
 * in: no key, header or URL, so a cache key can never leak a secret.
 */
export function cacheKey(input: CacheKeyInput): string {
  const material = JSON.stringify({
    v: 1,
    system: input.system === undefined ? null : normalise(input.system),
    prompt: normalise(input.prompt),
    targets: input.targets.map((t) => `${t.provider}:${t.model}`),
    maxOutputTokens: input.maxOutputTokens,
    temperature: input.temperature ?? null,
    stop: input.stop ?? [],
  });
  return createHash('sha256').update(material).digest('hex');
}
