// Proof: @dqbd/tiktoken loads its WebAssembly under jest and counts tokens exactly.
import { expect, test } from '@jest/globals';
import { get_encoding } from '@dqbd/tiktoken';

test('cl100k_base encodes known text to known token ids', () => {
  const enc = get_encoding('cl100k_base');
  try {
    expect(Array.from(enc.encode('hello world'))).toEqual([15339, 1917]);
    expect(enc.encode('def execute_effect(self, contract):\n    pass\n').length).toBeGreaterThan(5);
  } finally {
    enc.free();
  }
});

test('special tokens throw unless explicitly allowed', () => {
  const enc = get_encoding('cl100k_base');
  try {
    expect(() => enc.encode('<|endoftext|>')).toThrow();
    expect(enc.encode('<|endoftext|>', 'all').length).toBe(1);
  } finally {
    enc.free();
  }
});
