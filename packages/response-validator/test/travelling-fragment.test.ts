// A parsed fragment packed for a thread and unpacked on the other side: the same data, and a
// position mapper that maps as the original's does.
import { describe, expect, test } from '@jest/globals';
import { loadPythonParser, packFragment, unpackFragment } from '../src/index.js';

// postMessage copies with structured cloning, which refuses functions
const clone = <T>(value: T): T => structuredClone(value);

describe('packFragment / unpackFragment', () => {
  test('survive structured cloning with the same data and the same position mapping', async () => {
    const parser = await loadPythonParser();
    const fragment = parser.parseFragment('x = 1\nif x:\n    return x\n', { methodName: 'run', isAsync: true });
    expect(() => clone(fragment)).toThrow();
    const back = unpackFragment(clone(packFragment(fragment)));
    const { mapPosition: a, ...wrapperA } = fragment.wrapper;
    const { mapPosition: b, ...wrapperB } = back.wrapper;
    expect({ ...back, wrapper: wrapperB }).toEqual({ ...fragment, wrapper: wrapperA });
    for (let line = 1; line <= fragment.wrapper.bodyEndLine + 1; line++) for (const column of [1, 3, 9]) expect(b(line, column)).toEqual(a(line, column));
  });
});
