// In-process runs of the commands around the pipeline: explain, patterns, db, metrics, and the
// input errors generate/fill refuse before writing anything.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from '@jest/globals';
import { expectOnlyStubsChanged } from './helpers/bytes.js';
import { runInProcess } from './helpers/run-in-process.js';

const EXAMPLES = fileURLToPath(new URL('../../../examples/', import.meta.url));
const STUBBED = join(EXAMPLES, 'stubbed', 'node_inventory_effect.py');
const tmp = mkdtempSync(join(tmpdir(), 'onexgen-cmds-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const env = { HOME: tmp, CI: '1' };
const run = (argv: string[]) => runInProcess(argv, { env, cwd: tmp });

describe('input errors', () => {
  test('a bad spec exits 2 naming the file and the field, and writes nothing', async () => {
    const bad = join(tmp, 'bad.yaml');
    writeFileSync(bad, 'name: x\nnode_type: effect\ndescription: d\noperations:\n  - ok_name\n  - name: "not valid"\n');
    const out = join(tmp, 'never');
    const r = await run(['generate', join(EXAMPLES, 'specs/postgres-user-store-effect.yaml'), bad, '--out', out, '--db', join(tmp, 'never-db')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad.yaml: operations[1].name: must be a Python identifier');
    expect(existsSync(out)).toBe(false);
    expect(existsSync(join(tmp, 'never-db'))).toBe(false);
  });

  test('an unknown node type and a YAML syntax error name where they are', async () => {
    const t = join(tmp, 'type.yaml');
    writeFileSync(t, 'name: x\nnode_type: gateway\ndescription: d\n');
    expect((await run(['generate', t])).stderr).toContain('type.yaml: node_type: must be one of effect, compute, reducer, orchestrator');
    const y = join(tmp, 'syntax.yaml');
    writeFileSync(y, 'name: x\nnode_type: [effect\ndescription: d\n');
    const r = await run(['generate', y]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/syntax\.yaml:\d+:/);
  });

  test('--out with two inputs, and --out with --in-place, are usage errors', async () => {
    expect((await run(['fill', STUBBED, STUBBED, '--out', join(tmp, 'x.py')])).code).toBe(2);
    expect((await run(['fill', STUBBED, '--out', join(tmp, 'x.py'), '--in-place'])).code).toBe(2);
  });
});

describe('fill offline, explain, metrics, patterns, db', () => {
  test('fill writes a copy whose bytes outside the stubs are unchanged; metrics then reports the run', async () => {
    const db = join(tmp, 'db');
    const out = join(tmp, 'filled.py');
    const original = readFileSync(STUBBED, 'utf8');
    const r = await run(['fill', STUBBED, '--out', out, '--offline', '--json', '--db', db]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.offline).toBe(true);
    expect(json.nodes[0].methods).toHaveLength(7);
    expect(readFileSync(STUBBED, 'utf8')).toBe(original);
    const filled = readFileSync(out, 'utf8');
    await expectOnlyStubsChanged(original, filled);
    // the abstract method, the no-ops and the docstring marker are untouched
    expect(filled).toContain('    @abstractmethod\n    async def fetch(self, sku: str) -> int:\n        """Return the stock level of one SKU."""\n        raise NotImplementedError\n');
    const metrics = await run(['metrics', '--db', db, '--json']);
    expect(metrics.code).toBe(0);
    expect(JSON.stringify(JSON.parse(metrics.stdout).summary)).toContain('"count":7');
    // offline: no prompt was built, so no version; the A/B view shows them unlabelled and compares nothing
    const byVersion = await run(['metrics', '--db', db, '--by', 'prompt-version', '--json']);
    expect(byVersion.stderr).toBe('');
    const compared = JSON.parse(byVersion.stdout);
    expect(compared.arms.map((a: { label: string; methods: number }) => [a.label, a.methods])).toEqual([['(none)', 7]]);
    expect(compared.comparisons).toEqual([]);
    const badBy = await run(['metrics', '--db', db, '--by', 'model']);
    expect(badBy.code).toBe(2);
    expect(badBy.stderr).toContain('--by: expected prompt-version or arm, got "model"');
  }, 120_000);

  test('explain prints the sections and their tokens without a model', async () => {
    const r = await run(['explain', join(EXAMPLES, 'specs/postgres-user-store-effect.yaml'), '--method', 'get_user', '--json']);
    expect(r.code).toBe(0);
    const built = JSON.parse(r.stdout);
    expect(built.sections.map((s: { id: string }) => s.id)).toEqual(['system', 'operation', 'patterns', 'references', 'constraints', 'instructions']);
    expect(built.total).toBeGreaterThan(0);
    expect(built.metadata.method).toBe('get_user');
    // the critical patterns are in every context, even when no feature of the spec asks for them
    const patternIds = built.sections.find((s: { id: string }) => s.id === 'patterns').items.map((i: { id: string }) => i.id);
    expect(patternIds).toEqual(expect.arrayContaining(['error_handling_v1', 'standard_imports_v1']));
    const text = await run(['explain', STUBBED, '--method', 'reserve_stock']);
    expect(text.stdout).toContain('reserve_stock');
    expect((await run(['explain', STUBBED, '--method', 'nope'])).stderr).toContain('no stub method "nope"');
  }, 60_000);

  test('patterns list, match and show; db migrate', async () => {
    const list = await run(['patterns', 'list', '--json']);
    const ids = JSON.parse(list.stdout).map((p: { id: string }) => p.id);
    expect(ids).toContain('error_handling_v1');
    const match = await run(['patterns', 'match', '--node-type', 'EFFECT_GENERIC', '--features', 'Connection pooling (10-50 connections),retry', '--json']);
    expect(JSON.parse(match.stdout).length).toBeGreaterThan(0);
    const show = await run(['patterns', 'show', 'error_handling_v1']);
    expect(show.stdout).toContain('```python');
    expect((await run(['patterns', 'show', 'nope_v9'])).code).toBe(2);
    const migrate = await run(['db', 'migrate', '--db', 'memory://']);
    expect(migrate.stdout).toContain('migrated memory://');
  }, 60_000);
});

describe('validate', () => {
  test('runs onexgen-validate in this process: its exit codes, its output, paths relative to the run directory', async () => {
    const dir = mkdtempSync(join(tmp, 'val-'));
    writeFileSync(join(dir, 'good.py'), 'def add(a: int, b: int) -> int:\n    """Add."""\n    return a + b\n');
    writeFileSync(join(dir, 'bad.py'), 'import os\n\n\ndef run(cmd: str) -> int:\n    """Run."""\n    return os.system(cmd)\n');
    const inDir = (argv: string[]) => runInProcess(argv, { env, cwd: dir });
    expect((await inDir(['validate', 'good.py'])).code).toBe(0);
    const bad = await inDir(['validate', 'good.py', 'bad.py']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('bad.py:6:12: error [security/os-shell]');
    const sarif = JSON.parse((await inDir(['validate', '--format', 'sarif', join(dir, 'bad.py')])).stdout);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('bad.py');
    const missing = await inDir(['validate', 'nope.py']);
    expect(missing.code).toBe(2);
    expect(missing.stdout + missing.stderr).toContain('cannot read nope.py: no such file or directory');
    const usage = await inDir(['validate', '--format', 'xml', 'good.py']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("argument 'xml' is invalid");
  }, 60_000);
});
