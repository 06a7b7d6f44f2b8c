// The onexgen-validate bin run as a real child process (bundled from source with esbuild into
// .cli-test/, next to a link to data/, the same layout as the published dist/).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from '@jest/globals';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const cli = path.join(pkg, '.cli-test/dist/cli.js');
let work: string;

beforeAll(() => {
  execFileSync(path.join(pkg, '../../node_modules/.bin/esbuild'), [
    'src/cli/bin.ts', '--bundle', '--platform=node', '--format=esm', '--target=node20', '--packages=external', `--outfile=${cli}`, '--log-level=warning',
  ], { cwd: pkg });
  const link = path.join(pkg, '.cli-test/data');
  if (!fs.existsSync(link)) fs.symlinkSync('../data', link);
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'onexgen-cli-'));
  fs.writeFileSync(path.join(work, 'good.py'), 'def add(a: int, b: int) -> int:\n    """Add."""\n    return a + b\n');
  fs.writeFileSync(path.join(work, 'bad.py'), 'import os\n\n\ndef run(cmd: str) -> int:\n    """Run."""\n    return os.system(cmd)\n');
  fs.mkdirSync(path.join(work, 'tree/sub'), { recursive: true });
  fs.copyFileSync(path.join(work, 'good.py'), path.join(work, 'tree/a.py'));
  fs.copyFileSync(path.join(work, 'bad.py'), path.join(work, 'tree/sub/b.py'));
  fs.writeFileSync(path.join(work, 'tree/notes.txt'), 'not python');
  fs.writeFileSync(path.join(work, 'tree/sub/__init__.py'), ''); // empty package marker: normal inside a walked directory
});

function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: work, input, encoding: 'utf8', timeout: 60000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('onexgen-validate', () => {
  test('exit 0 when every input passes, 1 when one has an error-severity issue', () => {
    expect(run(['good.py']).code).toBe(0);
    const bad = run(['good.py', 'bad.py']);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('bad.py:6:12: error [security/os-shell]');
  });

  test('directories are walked for *.py only', () => {
    const r = run(['--format', 'json', 'tree']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out);
    expect(json.results.map((x: { file: string }) => x.file)).toEqual([path.join('tree', 'a.py'), path.join('tree', 'sub', '__init__.py'), path.join('tree', 'sub', 'b.py')]);
    expect(json.summary).toEqual({ files: 3, passed: 2, failed: 1, errors: 0 });
  });

  test('- reads stdin; --fragment validates a method body', () => {
    const r = run(['--fragment', '--format', 'json', '-'], 'rows = await self.pool.fetch("SELECT 1")\nreturn rows\n');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).results[0].file).toBe('stdin');
  });

  test('--from-response extracts the code first and reports it', () => {
    fs.writeFileSync(path.join(work, 'answer.md'), 'Here you go:\n```python\nimport subprocess\nsubprocess.run(cmd, shell=True)\n```\n');
    const r = run(['--from-response', '--fragment', '--profile', 'generic-python', '--format', 'json', 'answer.md']);
    expect(r.code).toBe(1);
    const result = JSON.parse(r.out).results[0];
    expect(result.code).toBe('subprocess.run(cmd, shell=True)');
    expect(result.issues.map((i: { ruleId: string }) => i.ruleId)).toContain('security/subprocess-shell');
  });

  test('--from-response resolves names through the imports it moved out of the answer', () => {
    fs.writeFileSync(path.join(work, 'alias.md'), '```python\nimport os as o\no.popen(cmd)\n```\n');
    const r = run(['--from-response', '--fragment', '--format', 'json', 'alias.md']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).results[0].issues.map((i: { ruleId: string }) => i.ruleId)).toContain('security/os-shell');
  });

  test('--format sarif writes SARIF 2.1.0', () => {
    const r = run(['--format', 'sarif', 'bad.py']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).version).toBe('2.1.0');
  });

  test.each([
    [[], /missing required argument/],
    [['--format', 'xml', 'good.py'], /Allowed choices are text, json, sarif/],
    [['--profile', 'nope', 'good.py'], /neither a built-in profile/],
    [['--max-bytes', 'lots', 'good.py'], /--max-bytes must be a positive integer/],
  ])('usage errors exit 2 with a message: %j', (args, message) => {
    const r = run(args as string[]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  test('bad inputs: unreadable, binary, empty, too large → a clear message each and exit 2', () => {
    fs.writeFileSync(path.join(work, 'bin.py'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1]));
    fs.writeFileSync(path.join(work, 'empty.py'), '  \n');
    fs.writeFileSync(path.join(work, 'huge.py'), 'x = 1\n'.repeat(900_000)); // 5.4 MB
    const r = run(['good.py', 'missing.py', 'bin.py', 'empty.py', 'huge.py']);
    expect(r.code).toBe(2);
    expect(r.out).toContain('missing.py: error: cannot read missing.py: no such file or directory');
    expect(r.out).toContain('bin.py: error: bin.py is a binary file');
    expect(r.out).toContain('empty.py: error: empty.py is empty');
    expect(r.out).toMatch(/huge\.py: error: huge\.py is 5\.1 MiB, over the 1\.0 MiB limit/);
    expect(r.out).toContain('1 file(s) checked: 1 passed, 0 failed, 4 could not be read');
  });

  test('hundreds of files in one run', () => {
    const dir = path.join(work, 'many');
    fs.mkdirSync(dir);
    for (let i = 0; i < 200; i++) fs.writeFileSync(path.join(dir, `m${i}.py`), `def f${i}(x: int) -> int:\n    """F."""\n    return x + ${i}\n`);
    const r = run(['--format', 'json', 'many']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).summary).toEqual({ files: 200, passed: 200, failed: 0, errors: 0 });
  });
});
