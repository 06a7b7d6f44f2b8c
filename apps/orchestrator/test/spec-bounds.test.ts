// Hostile or runaway specs are refused before they cost memory or files: exit 2, the bound and the
// field named, nothing written.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import { runInProcess } from './helpers/run-in-process.js';

const tmp = mkdtempSync(join(tmpdir(), 'onexgen-bounds-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const env = { HOME: tmp, CI: '1' };

async function generate(name: string, text: string) {
  const file = join(tmp, name);
  writeFileSync(file, text);
  const out = join(tmp, `out-${name}`);
  const db = join(tmp, `db-${name}`);
  const r = await runInProcess(['generate', file, '--out', out, '--offline', '--db', db], { env, cwd: tmp });
  return { ...r, wrote: existsSync(out) || existsSync(db) };
}

const head = 'name: bounded\nnode_type: compute\n';

describe('spec bounds', () => {
  test('a spec file over 1 MB is refused without being parsed', async () => {
    const r = await generate('big.yaml', `${head}description: d\n# ${'x'.repeat(1_100_000)}\n`);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('big.yaml: the spec file is larger than 1048576 bytes');
    expect(r.wrote).toBe(false);
  });

  test('a YAML alias bomb is refused with a message, not a stack trace', async () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const r = await generate('bomb.yaml', `${head}description: d\nbomb:\n${levels.map((l) => `  ${l}`).join('\n')}\n`);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bomb.yaml:');
    expect(r.stderr).toContain('aliases are resolved');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.wrote).toBe(false);
  });

  test('too many operations names the list and the limit', async () => {
    const ops = Array.from({ length: 600 }, (_, i) => `  - name: op_${i}`).join('\n');
    const r = await generate('ops.yaml', `${head}description: d\noperations:\n${ops}\n`);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('ops.yaml: operations: a list of 600 entries; at most 500 are allowed');
    expect(r.wrote).toBe(false);
  });

  test('a huge description names the field', async () => {
    const r = await generate('desc.yaml', `${head}description: "${'d'.repeat(70_000)}"\n`);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('desc.yaml: description: a text of 70000 characters');
    expect(r.wrote).toBe(false);
  });
});
