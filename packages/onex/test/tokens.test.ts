import { afterAll, describe, expect, it } from '@jest/globals';
import { get_encoding } from '@dqbd/tiktoken';
import { acquireEncoder, countTokens, freeTokenizers, liveEncoderCount, releaseEncoder, truncateToTokens } from '@onexgen/onex/tokens';

afterAll(() => freeTokenizers());

describe('@onexgen/onex/tokens', () => {
  it('counts exactly what tiktoken counts, special-token text as plain text', () => {
    const reference = get_encoding('cl100k_base');
    const text = 'def f(x):\n    return x + 1  # <|endoftext|>\n';
    expect(countTokens(text)).toBe(reference.encode_ordinary(text).length);
    expect(countTokens('')).toBe(0);
    reference.free();
  });

  it('keeps one encoder per encoding for all holders and frees it when the last lets go', () => {
    freeTokenizers();
    const before = liveEncoderCount();
    countTokens('x', 'o200k_base');
    const held = acquireEncoder('o200k_base');
    expect(liveEncoderCount()).toBe(before + 1);
    freeTokenizers();
    expect(held.encode_ordinary('still alive').length).toBeGreaterThan(0);
    releaseEncoder('o200k_base');
    expect(liveEncoderCount()).toBe(before);
    expect(countTokens('counting again re-creates it', 'o200k_base')).toBeGreaterThan(0);
  });

  it('refuses an encoding it does not know, by name', () => {
    expect(() => acquireEncoder('p50k_base' as 'cl100k_base')).toThrow(/p50k_base/);
  });

  it('cuts a text to its first tokens', () => {
    const text = 'one two three four five six';
    expect(truncateToTokens(text, 100)).toBe(text);
    expect(countTokens(truncateToTokens(text, 3))).toBe(3);
  });
});
