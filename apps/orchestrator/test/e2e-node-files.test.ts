// Files are sacred, through the built CLI: `fill --in-place` keeps encodings (Latin-1, UTF-8 BOM),
// line endings, modes and symlinks; refuses files git reports as changed unless --force; leaves a
// backup that `onexgen undo RUN_ID` restores; refuses oversized files and encodings it cannot write back.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { assertBuilt, runBuiltCli } from './helpers/run-built-cli.js';

const EXAMPLE = readFileSync(fileURLToPath(new URL('../../../examples/stubbed/node_inventory_effect.py', import.meta.url)), 'utf8');
const tmp = mkdtempSync(join(tmpdir(), 'onexgen-files-'));
const repo = join(tmp, 'repo');
const env = { HOME: tmp, CI: '1' };
const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: repo, encoding: 'utf8' });

// the example node with a Latin-1 declaration and non-ASCII text outside its stubs
const LATIN1 = Buffer.from(EXAMPLE.replace('#!/usr/bin/env python3\n', '#!/usr/bin/env python3\n# -*- coding: latin-1 -*-\n').replace('keeps stock levels', 'keeps stock levels (café, Grüße)'), 'latin1');
const BOM = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(EXAMPLE.replace('#!/usr/bin/env python3\n', '').replace(/\n/g, '\r\n'), 'utf8')]);
const PLAIN = Buffer.from(EXAMPLE, 'utf8');
const originals: Record<string, Buffer> = { 'latin.py': LATIN1, 'bom.py': BOM, 'private.py': PLAIN, 'real.py': PLAIN, 'dirty.py': PLAIN };
const FILES = ['latin.py', 'bom.py', 'private.py', 'link.py', 'dirty.py'];
const read = (name: string) => readFileSync(join(repo, name));

beforeAll(() => {
  assertBuilt();
  execFileSync('mkdir', ['-p', repo]);
  git('init', '-q');
  for (const [name, bytes] of Object.entries(originals)) writeFileSync(join(repo, name), bytes);
  chmodSync(join(repo, 'private.py'), 0o600);
  symlinkSync('real.py', join(repo, 'link.py'));
  writeFileSync(join(repo, '.gitignore'), '.onexgen/\n');
  git('add', '.');
  git('commit', '-qm', 'nodes');
  // an uncommitted edit
  originals['dirty.py'] = Buffer.from(`${EXAMPLE}\n# edited, not committed\n`, 'utf8');
  writeFileSync(join(repo, 'dirty.py'), originals['dirty.py']);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/**
 * Outside the stubs the bytes are the original's: the head through the import block (new imports may
 * follow it), the module code up to the first stub, and everything from the last stub on.
 */
function expectOutsideStubsEqual(before: Buffer, after: Buffer): void {
  const importsEnd = before.indexOf('import NodeEffect') + 'import NodeEffect'.length;
  expect(after.subarray(0, importsEnd)).toEqual(before.subarray(0, importsEnd));
  const middle = before.subarray(before.indexOf('HELP_TEXT'), before.indexOf('    async def execute_effect'));
  expect(after.indexOf(middle)).toBeGreaterThan(importsEnd);
  const tail = before.length - before.indexOf('    def clear(self)');
  expect(after.subarray(after.length - tail)).toEqual(before.subarray(before.length - tail));
}

describe('fill --in-place on files that must survive', () => {
  let runId = '';

  test('a file with uncommitted changes is refused (exit 2) and nothing is written', async () => {
    const run = await runBuiltCli(['fill', ...FILES, '--in-place', '--offline'], { cwd: repo, env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('dirty.py: git reports uncommitted changes (M); commit them or pass --force');
    for (const [name, bytes] of Object.entries(originals)) expect(read(name)).toEqual(bytes);
    expect(existsSync(join(repo, '.onexgen'))).toBe(false);
  });

  test('with --force every file is filled in its own encoding, line endings, mode and through its symlink', async () => {
    const run = await runBuiltCli(['fill', ...FILES, '--in-place', '--offline', '--force', '--json'], { cwd: repo, env });
    expect(run.stderr).toBe('');
    const json = JSON.parse(run.stdout) as { sessionId: string; nodes: { input: string; status: string; backup?: string; error?: unknown }[] };
    expect(json.nodes.map((n) => [n.input, n.status, n.error])).toEqual(FILES.map((f) => [f, 'written', undefined]));
    runId = json.sessionId;
    for (const n of json.nodes) expect(n.backup).toContain(join('.onexgen', 'backups', runId));

    const latin = read('latin.py');
    expect(latin.includes(Buffer.from('(café, Grüße)', 'latin1'))).toBe(true);
    expect(latin.includes(Buffer.from('\uFFFD', 'utf8'))).toBe(false);
    expectOutsideStubsEqual(LATIN1, latin);
    expect(latin.includes(Buffer.from('# IMPLEMENTATION REQUIRED\n        pass'))).toBe(false);

    const bom = read('bom.py');
    expect(bom.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(bom.toString('utf8').replace(/\r\n/g, '')).not.toContain('\n');
    expectOutsideStubsEqual(BOM, bom);

    expect(statSync(join(repo, 'private.py')).mode & 0o777).toBe(0o600);
    expect(lstatSync(join(repo, 'link.py')).isSymbolicLink()).toBe(true);
    expect(read('real.py')).not.toEqual(PLAIN);
    expectOutsideStubsEqual(PLAIN, read('real.py'));
  }, 300_000);

  test('undo RUN_ID restores every original; a second undo refuses (the files no longer hold what the run wrote)', async () => {
    const run = await runBuiltCli(['undo', runId], { cwd: repo, env });
    expect(run.code).toBe(0);
    for (const [name, bytes] of Object.entries(originals)) expect(read(name)).toEqual(bytes);
    expect(statSync(join(repo, 'private.py')).mode & 0o777).toBe(0o600);
    expect(lstatSync(join(repo, 'link.py')).isSymbolicLink()).toBe(true);
    const again = await runBuiltCli(['undo', runId], { cwd: repo, env });
    expect(again.code).toBe(2);
    expect(again.stdout).toContain('the file changed since the run wrote it');
  });
});

describe('files refused before any work', () => {
  test('a node file over the size limit exits 2 and names the limit', async () => {
    const fill = await runBuiltCli(['fill', 'bom.py', '--in-place', '--offline', '--max-file-bytes', '1000'], { cwd: repo, env });
    expect(fill.code).toBe(2);
    expect(fill.stderr).toMatch(/bom\.py: \d+ bytes is over the node file limit of 1000 bytes/);
    expect(read('bom.py')).toEqual(BOM);
    const stubs = await runBuiltCli(['stubs', 'bom.py', '--max-file-bytes', '1000'], { cwd: repo, env });
    expect(stubs.code).toBe(2);
  });

  test('an encoding that cannot be written back byte for byte exits 2', async () => {
    writeFileSync(join(tmp, 'sjis.py'), Buffer.from(`# -*- coding: shift_jis -*-\n${EXAMPLE}`, 'utf8'));
    const run = await runBuiltCli(['fill', 'sjis.py', '--in-place', '--offline'], { cwd: tmp, env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('declared encoding "shift_jis" cannot be written back byte for byte');
  });
});
