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
      expect(Object.keys(s).sort()).toEqual(['async', 'bodyEndLine', 'bodyStartLine', 'class', 'kind', 'marker', 'method', 'reason', 'signatureLine']);
    }
    expect(stubs[1]).toMatchObject({ class: 'NodeInventoryEffect', method: 'reserve_stock', async: true, marker: 'IMPLEMENTATION REQUIRED' });
  });

  test('prints one line per stub', async () => {
    const run = await runInProcess(['stubs', EXAMPLE]);
    expect(run.stdout).toMatch(/NodeInventoryEffect\.release_stock \(async\)\s+\[TODO\]/);
    expect(run.stdout).toContain('7 stubs in');
  });

  test('a TODO note inside implemented code is not a stub; mixed evidence is listed only with --include-uncertain', async () => {
    const file = join(tmp, 'notes.py');
    writeFileSync(
      file,
      [
        'class NodeVaultEffect(NodeEffect):',
        '    def __init__(self, container) -> None:',
        '        super().__init__(container)',
        '        self.config = container.value or {}',
        '        # TODO: Phase 2 - Add Vault integration',
        '        self.secrets = {}',
        '',
        '    def get_health_checks(self) -> list:',
        '        # TODO: Add additional health checks as needed',
        '        return [self._check_database_health]',
        '',
        '    def ping(self) -> bool:',
        '        # TODO: ping the vault',
        '        return True',
        '',
        '    async def read_secret(self, name: str) -> str:',
        '        # TODO: Implement read_secret',
        '        pass',
        '',
      ].join('\n'),
    );
    const sure = await runInProcess(['stubs', file]);
    expect(sure.code).toBe(0);
    expect(sure.stdout).toContain('NodeVaultEffect.read_secret (async)  [TODO]');
    expect(sure.stdout).toContain('1 stub in');
    expect(sure.stdout).toContain('(1 uncertain not listed: --include-uncertain)');
    expect(sure.stdout).not.toMatch(/__init__|get_health_checks|ping/);
    const all = await runInProcess(['stubs', file, '--include-uncertain']);
    expect(all.stdout).toMatch(/NodeVaultEffect\.ping .*uncertain: the body is placeholder, but "# TODO: ping the vault" does not ask for the implementation/);
    expect(all.stdout).not.toMatch(/__init__|get_health_checks/);
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
