// Files are sacred: what a fill writes back keeps every byte outside the stubs, the encoding, BOM,
// line endings, mode and symlinks; a file that changed meanwhile is never overwritten; undo restores.
import { execFileSync } from 'node:child_process';
import { chmod, lstat, mkdtemp, readFile, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { loadPythonParser, type PythonParser } from '@onexgen/response-validator';
import {
  BackupRun,
  findStubs,
  injectBodies,
  NodeSourceError,
  readNodeSource,
  uncommittedChange,
  undoRun,
  writeNodeSource,
  type NodeSource,
} from '../src/index.js';

let parser: PythonParser;
let dir: string;
beforeAll(async () => {
  parser = await loadPythonParser();
  dir = await mkdtemp(join(tmpdir(), 'node-source-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const NODE = (extra = '') =>
  [
    `# -*- coding: latin-1 -*-`,
    `"""Café node."""`,
    ``,
    `GREETING = "Grüße, café"${extra}`,
    ``,
    `class NodeCafeEffect:`,
    `    async def order(self, item: str) -> dict:`,
    `        """Order an item (crème brûlée)."""`,
    `        # IMPLEMENTATION REQUIRED`,
    `        pass`,
    ``,
    `    def name(self) -> str:`,
    `        return "café"`,
    ``,
  ].join('\n');

let counter = 0;
async function fixture(bytes: Buffer | string, mode = 0o644): Promise<string> {
  const path = join(dir, `node_${++counter}.py`);
  await writeFile(path, bytes);
  await chmod(path, mode);
  return path;
}

function fill(source: NodeSource, code = 'return {"item": item, "note": "brûlée"}'): string {
  const stubs = findStubs(parser, parser.parse(source.text));
  return injectBodies(parser, source.text, stubs.map((stub) => ({ stub, code }))).source;
}

/** The bytes before the first and after the last differing byte are the original's. */
function expectOnlyRegionChanged(before: Buffer, after: Buffer, marker: Buffer): void {
  let head = 0;
  while (head < before.length && before[head] === after[head]) head++;
  let tail = 0;
  while (tail < before.length - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  // the difference starts inside the stub body
  expect(before.subarray(head - marker.length, head).toString('latin1') + before.subarray(head).toString('latin1')).toContain(marker.toString('latin1'));
  expect(before.subarray(0, head).equals(after.subarray(0, head))).toBe(true);
  expect(before.subarray(before.length - tail).equals(after.subarray(after.length - tail))).toBe(true);
}

describe('encodings', () => {
  test('a Latin-1 file keeps every byte outside the stub; the new body is written in Latin-1', async () => {
    const original = Buffer.from(NODE(), 'latin1');
    const path = await fixture(original);
    const source = await readNodeSource(path);
    expect(source).toMatchObject({ encoding: 'latin-1', declared: 'latin-1', bom: false });
    expect(source.text).toContain('Grüße, café');
    await writeNodeSource(source, fill(source));
    const after = await readFile(path);
    expect(after.includes(Buffer.from('"note": "brûlée"', 'latin1'))).toBe(true);
    expect(after.includes(Buffer.from('\uFFFD', 'utf8'))).toBe(false);
    expectOnlyRegionChanged(original, after, Buffer.from('        # IMPLEMENTATION REQUIRED', 'latin1'));
    expect(after.subarray(0, original.indexOf('        # IMPLEMENTATION'))).toEqual(original.subarray(0, original.indexOf('        # IMPLEMENTATION')));
  });

  test('a character Latin-1 cannot hold is refused and the file is untouched', async () => {
    const original = Buffer.from(NODE(), 'latin1');
    const path = await fixture(original);
    const source = await readNodeSource(path);
    await expect(writeNodeSource(source, fill(source, 'return {"price": "3 €"}'))).rejects.toMatchObject({ code: 'ENCODING_UNREPRESENTABLE' });
    expect(await readFile(path)).toEqual(original);
  });

  test('cp1252 round-trips (the € sign is byte 0x80)', async () => {
    const text = NODE().replace('latin-1', 'cp1252').replace('Grüße, café', 'Grüße, 3 €');
    // € is byte 0x80 in cp1252; the other characters here share Latin-1's bytes
    const original = Buffer.from(text.replace('€', '\u0080'), 'latin1');
    const path = await fixture(original);
    const source = await readNodeSource(path);
    expect(source.encoding).toBe('cp1252');
    expect(source.text).toContain('3 €');
    await writeNodeSource(source, fill(source, 'return {"price": "3 €"}'));
    const after = await readFile(path);
    expect(after.includes(Buffer.from([0x22, 0x33, 0x20, 0x80, 0x22]))).toBe(true);
    expectOnlyRegionChanged(original, after, Buffer.from('        # IMPLEMENTATION REQUIRED', 'latin1'));
  });

  test('a UTF-8 BOM is accepted as CPython does and kept', async () => {
    const utf8 = NODE().replace('# -*- coding: latin-1 -*-\n', '');
    const original = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(utf8, 'utf8')]);
    const path = await fixture(original);
    const source = await readNodeSource(path);
    expect(source).toMatchObject({ encoding: 'utf-8', bom: true });
    expect(source.text.startsWith('"""Café')).toBe(true);
    expect(parser.parse(source.text).syntaxValid).toBe(true);
    await writeNodeSource(source, fill(source));
    const after = await readFile(path);
    expect(after.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expectOnlyRegionChanged(original, after, Buffer.from('        # IMPLEMENTATION REQUIRED'));
  });

  test('an encoding that cannot be written back byte for byte is refused before anything runs', async () => {
    const path = await fixture(Buffer.from('# coding: shift_jis\nX = 1\n'));
    await expect(readNodeSource(path)).rejects.toMatchObject({ code: 'ENCODING_UNSUPPORTED', message: expect.stringContaining('shift_jis') });
  });

  test('bytes that are not valid UTF-8 without a declaration are refused (CPython refuses them too)', async () => {
    const path = await fixture(Buffer.from(NODE().replace('# -*- coding: latin-1 -*-\n', ''), 'latin1'));
    await expect(readNodeSource(path)).rejects.toMatchObject({ code: 'NODE_FILE_INVALID', message: expect.stringContaining('not valid UTF-8') });
  });

  test('CRLF line endings stay CRLF, new lines included', async () => {
    const original = Buffer.from(NODE().replace(/\n/g, '\r\n'), 'latin1');
    const path = await fixture(original);
    const source = await readNodeSource(path);
    expect(source.newline).toBe('\r\n');
    await writeNodeSource(source, fill(source, 'x = 1\nreturn {"x": x}'));
    const after = (await readFile(path)).toString('latin1');
    expect(after.replace(/\r\n/g, '')).not.toContain('\n');
    expect(after).toContain('        x = 1\r\n        return {"x": x}\r\n');
  });
});

describe('file system', () => {
  test('the mode is kept (a 0600 file stays 0600)', async () => {
    const path = await fixture(Buffer.from(NODE(), 'latin1'), 0o600);
    const source = await readNodeSource(path);
    await writeNodeSource(source, fill(source));
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  test('a symlink is written through to its target and stays a symlink', async () => {
    const target = await fixture(Buffer.from(NODE(), 'latin1'));
    const link = join(dir, 'link_node.py');
    await symlink(target, link);
    const source = await readNodeSource(link);
    expect(source).toMatchObject({ symlink: true, target });
    await writeNodeSource(source, fill(source));
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe(target);
    expect(findStubs(parser, parser.parse((await readNodeSource(target)).text))).toEqual([]);
  });

  test('a file changed on disk after it was read is not overwritten', async () => {
    const path = await fixture(Buffer.from(NODE(), 'latin1'));
    const source = await readNodeSource(path);
    const edited = Buffer.from(NODE('  # edited meanwhile'), 'latin1');
    await writeFile(path, edited);
    await expect(writeNodeSource(source, fill(source))).rejects.toMatchObject({ code: 'FILE_CHANGED' });
    expect(await readFile(path)).toEqual(edited);
  });

  test('a file over the size limit is refused before it is read', async () => {
    const path = await fixture(`X = "${'x'.repeat(5000)}"\n`);
    const err = await readNodeSource(path, { maxBytes: 4096 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NodeSourceError);
    expect(err).toMatchObject({ code: 'NODE_FILE_TOO_LARGE', message: expect.stringContaining('over the node file limit of 4096 bytes') });
  });

  test('no temporary files are left beside the file', async () => {
    const path = await fixture(Buffer.from(NODE(), 'latin1'));
    const source = await readNodeSource(path);
    await writeNodeSource(source, fill(source));
    const leftovers = execFileSync('ls', ['-a', dir], { encoding: 'utf8' }).split('\n').filter((f) => f.includes('.onexgen-'));
    expect(leftovers).toEqual([]);
  });
});

describe('backups and undo', () => {
  test('undo restores the original bytes and mode; a second undo refuses (the file no longer holds what the run wrote)', async () => {
    const original = Buffer.from(NODE(), 'latin1');
    const path = await fixture(original, 0o640);
    const root = join(dir, 'backups');
    const run = new BackupRun(root, 'run-1');
    const source = await readNodeSource(path);
    const result = await writeNodeSource(source, fill(source), { backup: run });
    expect(result).toMatchObject({ written: true });
    expect(await readFile(result.backupPath!)).toEqual(original);
    expect(await undoRun(root, 'run-1')).toEqual({ restored: [path], refused: [] });
    expect(await readFile(path)).toEqual(original);
    expect((await stat(path)).mode & 0o777).toBe(0o640);
    expect(await undoRun(root, 'run-1')).toEqual({ restored: [], refused: [{ path, reason: 'the file changed since the run wrote it' }] });
  });

  test('undo refuses a file edited after the run and leaves the edit', async () => {
    const path = await fixture(Buffer.from(NODE(), 'latin1'));
    const root = join(dir, 'backups');
    const source = await readNodeSource(path);
    await writeNodeSource(source, fill(source), { backup: new BackupRun(root, 'run-2') });
    await writeFile(path, 'EDITED = True\n');
    expect((await undoRun(root, 'run-2')).refused).toEqual([{ path, reason: 'the file changed since the run wrote it' }]);
    expect(await readFile(path, 'utf8')).toBe('EDITED = True\n');
    await expect(undoRun(root, 'no-such-run')).rejects.toMatchObject({ code: 'UNDO_REFUSED' });
    await expect(undoRun(root, '../escape')).rejects.toMatchObject({ code: 'UNDO_REFUSED' });
  });
});

describe('git', () => {
  test('a file with uncommitted changes is reported; a committed one and a file outside a work tree are not', async () => {
    const repo = join(dir, 'repo');
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: repo });
    execFileSync('mkdir', ['-p', repo]);
    git('init', '-q');
    const file = join(repo, 'node.py');
    await writeFile(file, 'X = 1\n');
    expect(await uncommittedChange(file)).toBe('?? node.py');
    git('add', 'node.py');
    git('commit', '-qm', 'node');
    expect(await uncommittedChange(file)).toBeUndefined();
    await writeFile(file, 'X = 2\n');
    expect(await uncommittedChange(file)).toBe(' M node.py');
    expect(await uncommittedChange(await fixture('X = 1\n'))).toBeUndefined();
  });
});
