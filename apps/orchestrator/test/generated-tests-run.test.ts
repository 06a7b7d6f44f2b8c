// The tests onexgen writes into a package (tests/test_node.py) run: pytest in a real child Python,
// against the sandbox's omnibase_core stand-in. The fixture builds the node with the real container
// class (an effect's services are recording doubles), each spec example is one test, a correct
// body passes them all and a body that gets one example wrong fails exactly that test.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from '@jest/globals';
import { findStubs, injectBodies } from '@onexgen/node-source';
import { renderSkeleton } from '@onexgen/pipeline';
import { STAND_IN_DIR } from '@onexgen/python-sandbox';
import { loadPythonParser } from '@onexgen/response-validator';
import { loadSpecFile } from '../src/spec/load-spec.js';

const EXAMPLES = fileURLToPath(new URL('../../../examples/', import.meta.url));
// pytest-asyncio's job for `async def` tests, where only pytest is installed
const SHIM = fileURLToPath(new URL('./fixtures/pytest-asyncio-shim/', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'onexgen-generated-tests-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const hasPytest = spawnSync('python3', ['-c', 'import pytest, pydantic'], { stdio: 'ignore' }).status === 0;
if (!hasPytest) console.warn('generated-tests-run: python3 with pytest and pydantic not found, tests skipped');

/** The package rendered from a spec, with the given bodies injected into its stubs, written to disk. */
async function writePackage(spec: string, bodies: Record<string, string>, label: string): Promise<string> {
  const skeleton = renderSkeleton(await loadSpecFile(join(EXAMPLES, spec)));
  const dir = join(tmp, label, skeleton.dirName);
  const parser = await loadPythonParser();
  for (const file of skeleton.files) {
    let content = file.content;
    if (file.path === 'node.py') {
      const stubs = findStubs(parser, parser.parse(content)).filter((s) => bodies[s.method] !== undefined);
      expect(stubs.map((s) => s.method).sort()).toEqual(Object.keys(bodies).sort());
      content = injectBodies(parser, content, stubs.map((stub) => ({ stub, code: bodies[stub.method]! }))).source;
    }
    mkdirSync(dirname(join(dir, file.path)), { recursive: true });
    writeFileSync(join(dir, file.path), content);
  }
  return dir;
}

function pytest(dir: string): { code: number | null; out: string } {
  const env = { PATH: process.env.PATH, HOME: tmp, PYTHONPATH: [STAND_IN_DIR, SHIM].join(delimiter), PYTHONDONTWRITEBYTECODE: '1' };
  const r = spawnSync('python3', ['-m', 'pytest', '-q', '-rA', '-p', 'no:cacheprovider', '-p', 'onexgen_asyncio_shim', '.'], { cwd: dir, env, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: `${r.stdout}\n${r.stderr}` };
}

const GET_EMAIL = (lower: boolean) =>
  [
    'if user_id < 1:',
    '    raise ModelOnexError(message="user_id must be positive", error_code=EnumCoreErrorCode.INVALID_INPUT)',
    'async with self.pool.acquire() as conn:',
    '    row = await conn.fetchrow("SELECT email FROM users WHERE id = $1", user_id)',
    'if row is None:',
    '    raise ModelOnexError(message=f"no user {user_id}", error_code=EnumCoreErrorCode.RESOURCE_NOT_FOUND)',
    `return row["email"]${lower ? '.lower()' : ''}`,
  ].join('\n');

const LINE_TOTAL = [
  'if quantity < 0:',
  '    raise ModelOnexError(message="quantity must not be negative", error_code=EnumCoreErrorCode.INVALID_INPUT)',
  'return int(unit_price_cents * quantity)',
].join('\n');

(hasPytest ? describe : describe.skip)('a generated package\'s own tests', () => {
  test('effect with io examples: the node constructs through the container, a correct body passes every example', async () => {
    const dir = await writePackage('eval/user-email-effect.yaml', { get_email: GET_EMAIL(true) }, 'effect-ok');
    const run = pytest(dir);
    expect(run.out).toMatch(/PASSED tests\/test_node\.py::test_node_constructs/);
    for (const name of ['found', 'missing', 'bad_id']) expect(run.out).toMatch(new RegExp(`PASSED tests/test_node\\.py::test_get_email_example_\\d_${name}`));
    expect(run.out).toMatch(/\b4 passed\b/);
    expect(run.code).toBe(0);
  }, 120_000);

  test('effect: a body that skips the lower-casing fails the one example that shows it', async () => {
    const run = pytest(await writePackage('eval/user-email-effect.yaml', { get_email: GET_EMAIL(false) }, 'effect-wrong'));
    expect(run.out).toMatch(/FAILED tests\/test_node\.py::test_get_email_example_1_found/);
    expect(run.out).toMatch(/\b1 failed, 3 passed\b/);
    expect(run.code).toBe(1);
  }, 120_000);

  test('compute: sync examples and a raises example pass for a correct body', async () => {
    const run = pytest(await writePackage('specs/invoice-lines-compute.yaml', { line_total_cents: LINE_TOTAL }, 'compute'));
    expect(run.out).toMatch(/PASSED tests\/test_node\.py::test_line_total_cents_example_2_a_fraction_of_a_cent_never_counts/);
    expect(run.out).toMatch(/\b4 passed\b/);
    expect(run.code).toBe(0);
  }, 120_000);
});
