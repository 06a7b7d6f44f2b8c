import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from '@jest/globals';
import { runInProcess } from './helpers/run-in-process.js';

const EXAMPLE = fileURLToPath(new URL('../../../examples/stubbed/node_inventory_effect.py', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'onexgen-cli-stubs-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('onexgen stubs', () => {
  test('--json prints the documented shape', async () => {
    const run = await runInProcess(['stubs', EXAMPLE, '--json']);
    expect(run.code).toBe(0);
    const stubs = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(stubs).toHaveLength(7);
    for (const s of stubs) {
      expect(Object.keys(s).sort()).toEqual(['async', 'bodyEndLine', 'bodyStartLine', 'class', 'marker', 'method', 'signatureLine']);
    }
    expect(stubs[1]).toMatchObject({ class: 'NodeInventoryEffect', method: 'reserve_stock', async: true, marker: 'IMPLEMENTATION REQUIRED' });
  });

  test('prints one line per stub', async () => {
    const run = await runInProcess(['stubs', EXAMPLE]);
    expect(run.stdout).toMatch(/NodeInventoryEffect\.release_stock \(async\)\s+\[TODO\]/);
    expect(run.stdout).toContain('7 stubs in');
  });

  test('a file that is not Python exits 2 naming the line', async () => {
    const bad = join(tmp, 'bad.py');
    writeFileSync(bad, 'class A:\n    def f(self)\n        pass\n');
    const run = await runInProcess(['stubs', bad]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/bad\.py:\d+: not valid Python/);
  });

  test('a missing file and an unknown option exit 2', async () => {
    expect((await runInProcess(['stubs', join(tmp, 'nope.py')])).code).toBe(2);
    expect((await runInProcess(['stubs', EXAMPLE, '--bogus'])).code).toBe(2);
  });
});

describe('onexgen fill input errors', () => {
  test('a node file that is not Python, or has no ONEX node class, exits 2 before anything is opened', async () => {
    const bad = join(tmp, 'broken.py');
    writeFileSync(bad, 'class A:\n    def f(self)\n        pass\n');
    const run = await runInProcess(['fill', bad, '--offline'], { cwd: tmp });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/broken\.py:\d+: not valid Python/);
    const plain = join(tmp, 'plain.py');
    writeFileSync(plain, 'class Helper:\n    def f(self):\n        # TODO: write it\n        pass\n');
    const noNode = await runInProcess(['fill', plain, '--offline'], { cwd: tmp });
    expect(noNode.code).toBe(2);
    expect(noNode.stderr).toContain('no ONEX node class found');
    expect(existsSync(join(tmp, '.onexgen'))).toBe(false);
  });
});
