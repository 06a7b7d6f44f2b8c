// What a newcomer meets first, through the built CLI as a child process: the version, --db forms,
// read-only commands that create nothing, a missing API key, spec errors, a memory:// run.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { assertBuilt, runBuiltCli } from './helpers/run-built-cli.js';

const SPEC = fileURLToPath(new URL('../../../examples/specs/postgres-user-store-effect.yaml', import.meta.url));
const MANIFEST = JSON.parse(readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8')) as { version: string };
const tmp = mkdtempSync(join(tmpdir(), 'onexgen-first-'));

beforeAll(() => assertBuilt());
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** a fresh empty working directory per case, so "nothing was created" is a directory listing */
function emptyDir(name: string): string {
  return mkdtempSync(join(tmp, `${name}-`));
}

describe('first contact', () => {
  test('--version prints the package version; --help lists the commands', async () => {
    const cwd = emptyDir('version');
    const version = await runBuiltCli(['--version'], { cwd, env: { HOME: cwd } });
    expect(version).toMatchObject({ code: 0, stdout: `${MANIFEST.version}\n` });
    const help = await runBuiltCli(['--help'], { cwd, env: { HOME: cwd } });
    expect(help.code).toBe(0);
    for (const command of ['generate', 'fill', 'stubs', 'explain', 'validate', 'metrics', 'patterns', 'db']) expect(help.stdout).toContain(command);
    expect(readdirSync(cwd)).toEqual([]);
  });

  test('--db accepts only the documented forms: mysql:// exits 2 naming them and creates nothing', async () => {
    const cwd = emptyDir('db');
    const run = await runBuiltCli(['db', 'migrate', '--db', 'mysql://x'], { cwd, env: { HOME: cwd } });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('--db: "mysql://x" is not a database');
    expect(run.stderr).toContain('memory://');
    expect(run.stderr).toContain('postgres://');
    expect(run.stderr).toContain('a directory path');
    expect(readdirSync(cwd)).toEqual([]);
  });

  test('a foreign DATABASE_URL is refused naming the variable, with the password masked', async () => {
    const cwd = emptyDir('env');
    const run = await runBuiltCli(['generate', SPEC, '--offline'], { cwd, env: { HOME: cwd, DATABASE_URL: 'mysql://me:hunter2@db/x' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('DATABASE_URL: "mysql://***@db/x" is not a database');
    expect(run.stderr).not.toContain('hunter2');
    expect(readdirSync(cwd)).toEqual([]);
  });

  test('metrics and templates never create a database: a missing folder and memory:// are refused', async () => {
    const cwd = emptyDir('metrics');
    const typo = await runBuiltCli(['metrics', '--db', 'tpyo'], { cwd, env: { HOME: cwd } });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain(`no database at ${join(cwd, 'tpyo')}`);
    const byDefault = await runBuiltCli(['metrics'], { cwd, env: { HOME: cwd } });
    expect(byDefault.code).toBe(2);
    expect(byDefault.stderr).toContain(`no database at ${join(cwd, '.onexgen', 'db')}`);
    const templates = await runBuiltCli(['templates', 'list'], { cwd, env: { HOME: cwd } });
    expect(templates.code).toBe(2);
    expect(templates.stderr).toContain(`templates list: no database at ${join(cwd, '.onexgen', 'db')}`);
    const memory = await runBuiltCli(['metrics', '--db', 'memory://'], { cwd, env: { HOME: cwd } });
    expect(memory.code).toBe(2);
    expect(memory.stderr).toContain('memory:// keeps nothing');
    expect(readdirSync(cwd)).toEqual([]);
  });

  test('a provider without its key names the variable to set, before anything is opened or written', async () => {
    const cwd = emptyDir('key');
    const chosen = await runBuiltCli(['generate', SPEC, '--provider', 'anthropic', '--out', 'out'], { cwd, env: { HOME: cwd } });
    expect(chosen.code).toBe(2);
    expect(chosen.stderr).toContain('set ONEXGEN_API_KEY or ANTHROPIC_API_KEY');
    writeFileSync(join(cwd, 'onexgen.config.yaml'), 'llm:\n  tiers:\n    cloud_fast:\n      - provider: openai\n        model: gpt-4o-mini\n');
    const configured = await runBuiltCli(['generate', SPEC, '--out', 'out'], { cwd, env: { HOME: cwd } });
    expect(configured.code).toBe(2);
    expect(configured.stderr).toContain('no API key for the cloud_fast tier (openai:gpt-4o-mini): set OPENAI_API_KEY');
    expect(readdirSync(cwd)).toEqual(['onexgen.config.yaml']);
  });

  test('spec errors name the field and the rule', async () => {
    const cwd = emptyDir('spec');
    writeFileSync(join(cwd, 'short.yaml'), 'name: x\nnode_type: effect\ndescription: d\noperations:\n  - ok_name\n  - bad-name\n');
    writeFileSync(join(cwd, 'object.yaml'), 'name: x\nnode_type: effect\ndescription: d\noperations:\n  - ok_name\n  - description: no name\n');
    const short = await runBuiltCli(['generate', 'short.yaml', '--offline'], { cwd, env: { HOME: cwd } });
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('short.yaml: operations[1]: must be a Python identifier');
    expect(short.stderr).not.toContain('Invalid input');
    const object = await runBuiltCli(['generate', 'object.yaml', '--offline'], { cwd, env: { HOME: cwd } });
    expect(object.code).toBe(2);
    expect(object.stderr).toContain('object.yaml: operations[1].name:');
    expect(readdirSync(cwd).sort()).toEqual(['object.yaml', 'short.yaml']);
  });

  test('a memory:// run says its metrics are gone, never to look them up later', async () => {
    const cwd = emptyDir('memory');
    const run = await runBuiltCli(['generate', SPEC, '--offline', '--db', 'memory://', '--out', 'out'], { cwd, env: { HOME: cwd, CI: '1' } });
    expect(run.code).toBe(0); // offline, every method of the CRUD spec gets pattern code
    expect(run.stdout).toContain('kept in memory (memory://) and is gone with this run');
    expect(run.stdout).not.toContain('onexgen metrics');
    expect(existsSync(join(cwd, '.onexgen'))).toBe(false);
  }, 120_000);
});
