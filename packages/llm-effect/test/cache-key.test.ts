// The cache key's normalisation: what the multiline regexes give, for every text, whether or not
// the guards let them run (they are skipped when they cannot change anything).
import { describe, expect, test } from '@jest/globals';
import { cacheKey } from '../src/index.js';
import { normaliseForKey } from '../src/cache/key.js';

const reference = (text: string) => text.replace(/\r\n?/g, '\n').replace(/[ \t]+$/gm, '').trim();

describe('cache key normalisation', () => {
  test('equals the plain regexes over random mixes of line ends, blanks and text', () => {
    const pieces = ['a', 'def f():', '    x = 1', ' ', '\t', '\n', '\r\n', '\r', '\u2028', '\u2029', '  \n', '\t\r\n', 'é', ''];
    let seed = 11;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 2000; i++) {
      const text = Array.from({ length: Math.floor(next() * 14) }, () => pieces[Math.floor(next() * pieces.length)]!).join('');
      expect([JSON.stringify(text), normaliseForKey(text)]).toEqual([JSON.stringify(text), reference(text)]);
    }
  });

  test('texts that differ only in line ends and trailing blanks share a key; other differences do not', () => {
    const base = { targets: [{ provider: 'p', model: 'm' }], maxOutputTokens: 10 } as Parameters<typeof cacheKey>[0];
    const key = (prompt: string, system?: string) => cacheKey({ ...base, prompt, ...(system === undefined ? {} : { system }) });
    expect(key('def f():\r\n    return 1  \r\n', 'sys\t')).toBe(key('def f():\n    return 1', 'sys'));
    expect(key('a \u2028b')).toBe(key('a\u2028b'));
    expect(key('a  b')).not.toBe(key('a b'));
    expect(key('    return 1')).toBe(key('return 1'));
    expect(key('x', 'sys')).not.toBe(key('x'));
  });
});
