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
// The multiline regex tries every run of spaces in the text (code is mostly indentation): it runs
// only when a space or tab stands before a line end, a few memchr-fast scans decide that (the key
// of a 15,000-character prompt cost ~0.25 ms of the pipeline's thread per call).
export function normaliseForKey(text: string): string {
  let out = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  if (TRAILING_BLANK.some((end) => out.includes(end)) || out.endsWith(' ') || out.endsWith('\t')) out = out.replace(/[ \t]+$/gm, '');
  return out.trim();
}
/** a space or tab before each of the line terminators `$` matches before in a multiline regex */
const TRAILING_BLANK = [' \n', '\t\n', ' \u2028', '\t\u2028', ' \u2029', '\t\u2029'];

/**
 * sha256 over the normalised prompt, system prompt, target chain and parameters. Only these go
 * in: no key, header or URL, so a cache key can never leak a secret.
 */
export function cacheKey(input: CacheKeyInput): string {
  const material = JSON.stringify({
    v: 1,
    system: input.system === undefined ? null : normaliseForKey(input.system),
    prompt: normaliseForKey(input.prompt),
    targets: input.targets.map((t) => `${t.provider}:${t.model}`),
    maxOutputTokens: input.maxOutputTokens,
    temperature: input.temperature ?? null,
    stop: input.stop ?? [],
  });
  return createHash('sha256').update(material).digest('hex');
}
