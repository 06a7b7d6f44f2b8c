import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import { get_encoding, type Tiktoken } from '@dqbd/tiktoken';
import { ENCODINGS, liveEncoderCount, type EncodingName } from '@onexgen/onex/tokens';
import { createTokenCounter } from '../src/index.js';
import { encodingForModel } from '../src/tokens/model-encoding.js';
import { lastSegment, splitSegments } from '@onexgen/onex/tokens';
import { REFERENCE_DIR, FIXTURES } from './helpers.js';

function pythonFixtures(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(py|ya?ml|mustache)$/.test(e.name))
    .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'));
}

// Lines chosen to sit on the edges of the pre-tokenizer: blank runs, '/' after a newline
// (o200k's punctuation piece absorbs [\r\n/]*), CRLF, punctuation before newlines, indentation,
// non-ASCII, digits, contractions, a special-token lookalike.
const TRICKY = [
  '', '', '    ', '\t\tx = 1', '```', '```python', '/path/to/file', '// comment', '/', '):', '):  ',
  'def f(a, b):\r', "it's they're we'll", '12345678 + 0.5e-3', 'naïve café — “quotes”', '日本語のテキスト',
  '<|endoftext|> is text here', '    return {"a": [1, 2, 3]}', '# ' + 'x'.repeat(300), '  \u00a0 nbsp', '--- a/b',
];

function randomTexts(seed: number, pool: string[], n: number): string[] {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const out: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const len = 1 + Math.floor(next() * 40);
    const lines: string[] = [];
    for (let j = 0; j < len; j += 1) lines.push(pool[Math.floor(next() * pool.length)]!);
    out.push(lines.join('\n') + (next() < 0.5 ? '\n' : ''));
  }
  return out;
}

const truth = new Map<EncodingName, Tiktoken>();
const reference = (e: EncodingName) => {
  if (!truth.has(e)) truth.set(e, get_encoding(e));
  return truth.get(e)!;
};
afterAll(() => {
  for (const enc of truth.values()) enc.free();
});

describe('createTokenCounter', () => {
  const files = [...pythonFixtures(REFERENCE_DIR), ...pythonFixtures(join(FIXTURES, '..', '..', 'templates'))];
  const linePool = [...files.flatMap((f) => f.split(/\n/)), ...TRICKY];

  for (const encoding of ENCODINGS) {
    test(`${encoding}: equals tiktoken's own count on real files and 400 random line mixes`, () => {
      const counter = createTokenCounter({ encoding });
      try {
        const texts = [...files, ...randomTexts(7, linePool, 400), TRICKY.join('\n'), TRICKY.join('\r\n')];
        const mismatches = texts.filter((t) => counter.count(t) !== reference(encoding).encode_ordinary(t).length);
        expect(mismatches).toEqual([]);
        // second pass is served from the segment memo and must still agree
        expect(texts.map((t) => counter.count(t))).toEqual(texts.map((t) => reference(encoding).encode_ordinary(t).length));
        expect(counter.stats().hits).toBeGreaterThan(counter.stats().encoded);
      } finally {
        counter.dispose();
      }
    });
  }

  test.each(ENCODINGS)('%s: joined parts (the prompt from its sections) count exactly, with or without safe joints', (encoding) => {
    const counter = createTokenCounter({ encoding });
    try {
      const parts = randomTexts(11, linePool, 300);
      for (let i = 0; i + 3 <= parts.length; i += 3) {
        const group = parts.slice(i, i + 3);
        const joined = group.join('\n');
        expect(counter.countJoinedLines(group)).toBe(reference(encoding).encode_ordinary(joined).length);
        const sections = group.map((p) => `# Section\n${p.trim()}\n`);
        expect(counter.countJoinedLines(sections)).toBe(reference(encoding).encode_ordinary(sections.join('\n')).length);
      }
    } finally {
      counter.dispose();
    }
  });

  test('segments cover the text exactly and split only before a safe character', () => {
    const text = 'a\n\nb\n/c\n  d\r\ne\n';
    const segments = splitSegments(text);
    expect(segments.join('')).toBe(text);
    expect(segments).toEqual(['a\n\n', 'b\n/c\n', '  d\r\n', 'e\n']);
    // a whitespace-only line would let `\s*[\r\n]+` run across the boundary: kept together
    expect(splitSegments('x\n   \ny\n')).toEqual(['x\n   \n', 'y\n']);
  });

  test('a part that is only a newline (or starts with one) ends: the tail scan stops at offset 0', () => {
    expect(lastSegment('\n')).toBe('\n');
    expect(lastSegment('\n\n')).toBe('\n\n');
    expect(lastSegment('\nx\n')).toBe('x\n');
    const counter = createTokenCounter();
    try {
      const parts = ['\n', 'def f():\n    return 1\n', '\n'];
      expect(counter.countJoinedLines(parts)).toBe(reference('cl100k_base').encode_ordinary(parts.join('\n')).length);
    } finally {
      counter.dispose();
    }
  });

  test('special-token text is counted as plain text instead of throwing', () => {
    const counter = createTokenCounter();
    expect(counter.count('<|endoftext|>')).toBe(reference('cl100k_base').encode_ordinary('<|endoftext|>').length);
    expect(counter.count('<|endoftext|>')).toBeGreaterThan(1);
    counter.dispose();
  });

  test('one encoder per encoding, shared, freed when the last counter is disposed', () => {
    const before = liveEncoderCount();
    const a = createTokenCounter({ encoding: 'o200k_base' });
    const b = createTokenCounter({ encoding: 'o200k_base' });
    expect(liveEncoderCount() - before).toBe(1);
    a.dispose();
    expect(b.count('still alive')).toBe(2);
    b.dispose();
    expect(liveEncoderCount()).toBe(before);
    expect(() => b.count('x')).toThrow(/disposed/);
  });

  test('an unknown encoding is refused by name', () => {
    expect(() => createTokenCounter({ encoding: 'p50k_base' as EncodingName })).toThrow(/p50k_base/);
  });
});

describe('encodingForModel', () => {
  test.each([
    ['gpt-4o-mini', 'o200k_base', true],
    ['gpt-4.1', 'o200k_base', true],
    ['o3-mini', 'o200k_base', true],
    ['gpt-4-turbo', 'cl100k_base', true],
    ['gpt-3.5-turbo', 'cl100k_base', true],
    ['claude-sonnet-4', 'cl100k_base', false],
  ])('%s -> %s (exact for the model: %s)', (model, encoding, exact) => {
    expect(encodingForModel(model)).toMatchObject({ encoding, exactForModel: exact });
  });

  test('no model: the default encoding', () => {
    expect(encodingForModel(undefined).encoding).toBe('cl100k_base');
  });
});
