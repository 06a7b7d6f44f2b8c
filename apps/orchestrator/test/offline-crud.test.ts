// Issue 13 §5: offline, a CRUD spec gets a real pattern body for every operation it declares and the
// entry method dispatches to them, so the README's main command exits 0 with honest verdicts; an
// operation no pattern covers still gets a marked partial body, `incomplete`, and exit 1.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from '@jest/globals';
import { loadPythonParser } from '@onexgen/response-validator';
import { importProblems } from './helpers/import-view.js';
import { runInProcess } from './helpers/run-in-process.js';

const USER_STORE = fileURLToPath(new URL('../../../examples/specs/postgres-user-store-effect.yaml', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'onexgen-offline-crud-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
// no key anywhere: offline because nothing is configured, as a newcomer runs it
const env = { HOME: tmp, CI: '1', PATH: process.env.PATH };
const generate = (spec: string, out: string) => runInProcess(['generate', spec, '--out', join(tmp, out), '--offline', '--json', '--db', join(tmp, 'db')], { env, cwd: tmp });

interface MethodJson {
  name: string;
  strategy: string;
  verdict: string;
  passed: boolean;
  reason?: string;
}
const methodsOf = (stdout: string): MethodJson[] => (JSON.parse(stdout) as { nodes: { methods: MethodJson[] }[] }).nodes.flatMap((n) => n.methods);

test('the README spec offline: every method pattern code, passed-static, exit 0', async () => {
  const run = await generate(USER_STORE, 'readme');
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const methods = methodsOf(run.stdout);
  expect(methods.map((m) => [m.name, m.strategy, m.verdict, m.passed])).toEqual([
    ['execute_effect', 'pattern', 'passed-static', true],
    ['create_user', 'pattern', 'passed-static', true],
    ['get_user', 'pattern', 'passed-static', true],
    ['update_user', 'pattern', 'passed-static', true],
    ['delete_user', 'pattern', 'passed-static', true],
  ]);
  expect(methods.find((m) => m.name === 'get_user')!.reason).toMatch(/^CRUD read operation/);
  const node = readFileSync(join(tmp, 'readme', 'node_user_store_effect', 'node.py'), 'utf8');
  expect(node).not.toContain('IMPLEMENTATION REQUIRED');
  expect(node).toContain('"DELETE FROM users WHERE id = $1 RETURNING id", record_id');
  // imports as isort/ruff leave them: in order, none unused (the output model only a docstring names goes)
  expect(importProblems(await loadPythonParser(), node)).toEqual([]);
  expect(node).not.toMatch(/^from \.models import/m);
}, 120_000);

test('the README spec with examples on get_user: the pattern body imports asyncpg, runs in the sandbox and passes them', async () => {
  // the sandbox has no asyncpg of its own; before its stand-in the pattern body's `import asyncpg`
  // failed there and the correct body fell back to a partial one
  const spec = join(tmp, 'with-examples.yaml');
  const example = [
    '    examples:',
    '      - { name: missing, given: { input_data: { id: 8 } }, io: { fetchrow: [null] }, raises: RESOURCE_NOT_FOUND }',
    '      - { name: no id, given: { input_data: {} }, raises: MISSING_REQUIRED_PARAMETER }',
  ].join('\n');
  const text = readFileSync(USER_STORE, 'utf8').replace(/(\n  - name: get_user\n    description: [^\n]*)/, `$1\n${example}`);
  expect(text).toContain('name: no id');
  writeFileSync(spec, text);
  const run = await generate(spec, 'with-examples');
  expect(run.code).toBe(0);
  const getUser = methodsOf(run.stdout).find((m) => m.name === 'get_user')!;
  expect([getUser.strategy, getUser.verdict, getUser.passed]).toEqual(['pattern', 'passed', true]);
}, 120_000);

test('an operation with no CRUD verb still falls back honestly: incomplete, marked, exit 1', async () => {
  const spec = join(tmp, 'mixed.yaml');
  writeFileSync(
    spec,
    [
      'name: user_store',
      'node_type: effect',
      'domain: database',
      'description: PostgreSQL user store over an asyncpg pool.',
      'operations: [create_user, get_user, update_user, delete_user, health_check]',
      'features: [connection_pooling, transaction_management]',
      'contract: { entity: user, table: users }',
      '',
    ].join('\n'),
  );
  const run = await generate(spec, 'mixed');
  expect(run.code).toBe(1);
  const verdicts = Object.fromEntries(methodsOf(run.stdout).map((m) => [m.name, `${m.strategy}/${m.verdict}`]));
  expect(verdicts).toEqual({ execute_effect: 'pattern/passed-static', create_user: 'pattern/passed-static', get_user: 'pattern/passed-static', update_user: 'pattern/passed-static', delete_user: 'pattern/passed-static', health_check: 'partial/incomplete' });
  const node = readFileSync(join(tmp, 'mixed', 'node_user_store_effect', 'node.py'), 'utf8');
  expect(node.match(/# IMPLEMENTATION REQUIRED/g)?.length).toBe(1);
}, 120_000);
