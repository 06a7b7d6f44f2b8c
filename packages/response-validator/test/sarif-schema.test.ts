// SARIF output against the official SARIF 2.1.0 JSON schema as published (the copy shipped in
// @microsoft/jest-sarif, draft-04), on real reports whose issues come from every rule family.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import { beforeAll, describe, expect, test } from '@jest/globals';
import Ajv from 'ajv';
import { createValidator, formatReport, type Report } from '../src/index.js';

const require = createRequire(import.meta.url);
const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { repository: { url: string } };

function schemaValidator(): (data: unknown) => string[] {
  const ajv = new Ajv({ schemaId: 'id', allErrors: true, meta: false });
  ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-04.json'));
  const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, 'utf8')));
  return (data) => (validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.dataPath} ${e.message}`));
}

const SOURCES: Record<string, string> = {
  // security: several rules with different CWEs (shell, SQL, secret, weak hash, temp file, TLS)
  'nodes/security.py': [
    'import hashlib, os, tempfile, requests',
    'API_KEY = "sk-live-1234567890abcdef1234"',
    'def run(cmd: str, user: str) -> None:',
    '    """Run."""',
    '    os.system(cmd)',
    '    cursor.execute(f"SELECT * FROM t WHERE name = \'{user}\'")',
    '    hashlib.md5(user.encode())',
    '    tempfile.mktemp()',
    '    requests.get("https://x", verify=False)',
    '    assert user',
    '',
  ].join('\n'),
  // api + compliance + quality: unknown error code (api/unknown-enum-member), print logging, bare except, TODO, undefined name
  'nodes/compliance.py': [
    'from omnibase_core.errors import ModelOnexError, EnumCoreErrorCode',
    'async def execute_effect(self, contract):',
    '    # TODO: finish',
    '    try:',
    '        print(contract)',
    '    except:',
    '        raise ModelOnexError(error_code=EnumCoreErrorCode.EXECUTION_ERROR, message="x")',
    '    return undefined_thing',
    '',
  ].join('\n'),
  // syntax and compile errors
  'nodes/broken.py': 'def f(x)\n    return x\n',
  'nodes/compile.py': 'return 1\n',
};

let report: Report;
let validate: (data: unknown) => string[];

beforeAll(async () => {
  validate = schemaValidator();
  const v = await createValidator();
  report = {
    files: Object.entries(SOURCES).map(([file, code]) => ({ file, result: v.validate(code) })),
    errors: [{ file: 'img.png', code: 'INPUT_BINARY', message: 'img.png is a binary file (NUL bytes), not Python source' }],
  };
  report.files.push({ file: 'answer.md', result: v.validate('return contract.value\n', { fragment: true, nodeType: 'effect', expectedPatterns: ['connection_pooling'] }) });
});

describe('SARIF against the official 2.1.0 schema', () => {
  test('the schema rejects what the old output had: a tag listed twice', () => {
    const sarif = JSON.parse(formatReport(report, 'sarif'));
    sarif.runs[0].tool.driver.rules[0].properties.tags.push(sarif.runs[0].tool.driver.rules[0].properties.tags[0]);
    expect(validate(sarif).join('\n')).toMatch(/duplicate items/);
  });

  test('a report with security, compliance, quality, pattern and syntax issues validates', () => {
    const sarif = JSON.parse(formatReport(report, 'sarif'));
    const families = new Set(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId.split('/')[0]));
    expect([...families].sort()).toEqual(['api', 'onex', 'pattern', 'quality', 'security', 'syntax']);
    expect(validate(sarif)).toEqual([]);
  });

  test('an empty report (nothing fired, nothing unreadable) validates', () => {
    expect(validate(JSON.parse(formatReport({ files: [], errors: [] }, 'sarif')))).toEqual([]);
  });

  test('every rule lists each tag once; security rules carry their CWE and the security tag', () => {
    const rules = JSON.parse(formatReport(report, 'sarif')).runs[0].tool.driver.rules as { id: string; properties: { tags: string[] } }[];
    for (const r of rules) expect(new Set(r.properties.tags).size).toBe(r.properties.tags.length);
    const shell = rules.find((r) => r.id === 'security/os-shell')!;
    expect(shell.properties.tags).toEqual(['security', 'external/cwe/cwe-78']);
  });

  test('security-severity is per rule (from its CWE), not one value for all', () => {
    const rules = JSON.parse(formatReport(report, 'sarif')).runs[0].tool.driver.rules as { id: string; properties: Record<string, unknown> }[];
    const security = rules.filter((r) => r.id.startsWith('security/'));
    const scores = new Map(security.map((r) => [r.id, r.properties['security-severity'] as string]));
    expect(scores.get('security/os-shell')).toBe('9.8');
    expect(scores.get('security/sql-injection')).toBe('8.8');
    expect(scores.get('security/assert-used')).toBe('3.1');
    expect(new Set(scores.values()).size).toBeGreaterThanOrEqual(4);
    for (const s of scores.values()) expect(Number(s)).toBeGreaterThan(0);
    expect(rules.filter((r) => !r.id.startsWith('security/')).every((r) => r.properties['security-severity'] === undefined)).toBe(true);
  });

  test("informationUri is the package.json repository's web address", () => {
    const driver = JSON.parse(formatReport(report, 'sarif')).runs[0].tool.driver;
    expect(pkg.repository.url).toMatch(/^git\+https:\/\//);
    expect(driver.informationUri).toBe(pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, ''));
  });
});
