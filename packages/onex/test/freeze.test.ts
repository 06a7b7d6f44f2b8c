import { describe, expect, it } from '@jest/globals';
import { freezeDeep } from '../src/index.js';

describe('freezeDeep', () => {
  it('freezes objects and arrays all the way down and returns the same value', () => {
    const data = { name: 'crud', tags: ['a', 'b'], nested: { list: [{ depth: 3 }] } };
    expect(freezeDeep(data)).toBe(data);
    expect(Object.isFrozen(data)).toBe(true);
    expect(Object.isFrozen(data.tags)).toBe(true);
    expect(Object.isFrozen(data.nested.list[0])).toBe(true);
    expect(() => {
      (data.nested.list[0] as { depth: number }).depth = 4;
    }).toThrow(TypeError);
  });

  it('leaves primitives, and the entries of a Set or Map, as they are', () => {
    expect(freezeDeep(3)).toBe(3);
    expect(freezeDeep(null)).toBeNull();
    const inner = { n: 1 };
    const holder = { seen: new Set([inner]) };
    freezeDeep(holder);
    expect(Object.isFrozen(holder)).toBe(true);
    expect(Object.isFrozen(inner)).toBe(false);
  });
});
