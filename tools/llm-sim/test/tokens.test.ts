// The simulator bills prompt tokens with the encoder's own counts; remembering recent message
// texts (the same system prompt arrives with every method) must never change a count.
import { describe, expect, test } from '@jest/globals';
import { countTokens } from '@onexgen/onex/tokens';
import { countChatTokens } from '../src/tokens.js';

const billed = (system: string, user: string) => 3 + (3 + countTokens(system)) + (3 + countTokens(user));

describe('countChatTokens', () => {
  test('the same counts for repeated, new and evicted texts', () => {
    const system = 'You write ONEX node methods. '.repeat(200);
    const users = Array.from({ length: 150 }, (_, i) => `Write method number ${i}: ${'step '.repeat(i % 17)}`);
    // first pass fills and overflows the remembered texts, the second reads evicted and remembered ones
    for (const pass of [1, 2]) {
      for (const user of users) expect([pass, countChatTokens(system, [{ content: user }])]).toEqual([pass, billed(system, user)]);
    }
    expect(countChatTokens(undefined, [{ content: 'hello world' }])).toBe(3 + 3 + countTokens('hello world'));
  });
});
