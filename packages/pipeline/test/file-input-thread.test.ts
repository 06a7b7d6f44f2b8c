// A large node file is parsed on a thread of its own (fileInputAsync): the caller's event loop keeps
// turning meanwhile, so a SIGINT / SIGTERM handler runs at once, and aborting ends the parse. What
// comes back is what fileInput gives in the caller's thread; so are its errors.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from '@jest/globals';
import { loadPythonParser, type PythonParser } from '@onexgen/response-validator';
import { fileInput } from '../src/node/node-inputs.js';
import { fileInputAsync, THREAD_FROM_CHARS } from '../src/node/file-input-async.js';
import { OnexgenError } from '../src/errors.js';

const EXAMPLE = fileURLToPath(new URL('../../../examples/stubbed/node_inventory_effect.py', import.meta.url));

/** The example node followed by implemented helpers up to `chars`. */
function largeNode(chars: number): string {
  const parts = [readFileSync(EXAMPLE, 'utf8')];
  for (let i = 0, size = parts[0]!.length; size < chars; i++) {
    const helper = `\n\ndef helper_${i}(items, factor=2):\n    total = 0\n    for item in items:\n        total += item * factor\n    return {"total": total, "id": ${i}}\n`;
    parts.push(helper);
    size += helper.length;
  }
  return parts.join('');
}

let parser: PythonParser;
const big = largeNode(THREAD_FROM_CHARS * 2);
beforeAll(async () => {
  parser = await loadPythonParser();
});

describe('fileInputAsync on a large node file', () => {
  test('gives what fileInput gives, while the event loop keeps turning', async () => {
    let turns = 0;
    const ticker = setInterval(() => (turns += 1), 5);
    try {
      const async = await fileInputAsync(parser, 'node_big.py', big, undefined, { packageFiles: { '__init__.py': '' } });
      const here = fileInput(parser, 'node_big.py', big, undefined, { packageFiles: { '__init__.py': '' } });
      expect(async).toEqual(here);
      expect(async.stubs.length).toBeGreaterThan(0);
      expect(turns).toBeGreaterThan(0);
    } finally {
      clearInterval(ticker);
    }
  });

  test('an abort ends the parse: the promise rejects with the abort reason', async () => {
    const controller = new AbortController();
    const reason = new OnexgenError('INTERRUPTED', 'interrupted');
    setTimeout(() => controller.abort(reason), 20);
    await expect(fileInputAsync(parser, 'node_big.py', big, undefined, { signal: controller.signal })).rejects.toBe(reason);
  });

  test('a file that is not valid Python is refused as in the caller thread, naming the line', async () => {
    const broken = big + '\n\ndef broken(:\n    pass\n';
    const line = broken.split('\n').length - 2;
    const err = await fileInputAsync(parser, 'node_big.py', broken).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OnexgenError);
    expect(err).toMatchObject({ code: 'NODE_FILE_INVALID', where: 'node_big.py' });
    expect((err as Error).message).toContain(`node_big.py:${line}:`);
  });
});
