// The simulator bills tokens with the encoder's own counts; counting by remembered segments (the
// same system prompt and most prompt lines arrive with every method) must never change a count.
import { describe, expect, test } from '@jest/globals';
import { countTokens } from '@onexgen/onex/tokens';
import { countChatTokens, countTextTokens } from '../src/tokens.js';

const billed = (system: string, user: string) => 3 + (3 + countTokens(system)) + (3 + countTokens(user));

describe('countChatTokens', () => {
  test('the same counts for repeated, new and evicted texts', () => {
    const system = 'You write ONEX node methods. '.repeat(200);
    const users = Array.from({ length: 150 }, (_, i) => `Write method number ${i}: ${'step '.repeat(i % 17)}`);
    // first pass fills the memo, the second reads remembered segments
    for (const pass of [1, 2]) {
      for (const user of users) expect([pass, countChatTokens(system, [{ content: user }])]).toEqual([pass, billed(system, user)]);
    }
    expect(countChatTokens(undefined, [{ content: 'hello world' }])).toBe(3 + 3 + countTokens('hello world'));
  });

  test('texts counted segment by segment equal whole-text counts, across lines that tokens could join', () => {
    // blank lines, indentation, CRLF, lines starting with '/' or whitespace, unicode, no final newline:
    // the places where a wrong split would merge or split a token differently than tiktoken does
    const lines = ['def f(x):', '    return x  ', '', '   ', '\t# tab', '/// slash', '//', 'naïve 😀 text', '}\r', '  \r', '```python', 'import time', '', '', 'x = 1\t', '...'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 300; i++) {
      const picked = Array.from({ length: 1 + Math.floor(next() * 12) }, () => lines[Math.floor(next() * lines.length)]!);
      const text = picked.join(next() < 0.2 ? '\r\n' : '\n') + (next() < 0.5 ? '\n' : '');
      expect([text, countTextTokens(text)]).toEqual([text, countTokens(text)]);
    }
  });
});
