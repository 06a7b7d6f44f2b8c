// In-process (from source) runs of generate and fill in offline mode, with an in-memory PGlite.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from '@jest/globals';
import { runInProcess } from './helpers/run-in-process.js';

const EXAMPLES = fileURLToPath(new URL('../../../examples/', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'onexgen-offline-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const env = { PATH: process.env.PATH, HOME: tmp, CI: '1' };

describe('offline generation', () => {
  test('generate writes the node package, fills every stub and says no LLM was used', async () => {
    const out = join(tmp, 'out');
    const run = await runInProcess(['generate', join(EXAMPLES, 'mysql-adapter.effect.yaml'), '--out', out, '--db', 'memory://'], { env, cwd: tmp });
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('offline: no LLM was used');
    expect([0, 1]).toContain(run.code);
    const node = readFileSync(join(out, 'node_mysql_adapter_effect', 'node.py'), 'utf8');
    expect(node).not.toContain('# IMPLEMENTATION REQUIRED');
    expect(existsSync(join(out, 'node_mysql_adapter_effect', 'contract.yaml'))).toBe(true);
  }, 120_000);
});
