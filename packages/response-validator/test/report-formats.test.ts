// The three output formats over one real report.
import { beforeAll, describe, expect, test } from '@jest/globals';
import { createValidator, formatReport, type Report } from '../src/index.js';

let report: Report;

beforeAll(async () => {
  const v = await createValidator();
  report = {
    files: [
      { file: 'nodes/bad.py', result: v.validate('import os\n\n\ndef run(cmd: str) -> int:\n    """Run."""\n    return os.system(cmd)\n') },
      { file: 'nodes/good.py', result: v.validate('def add(a: int, b: int) -> int:\n    """Add."""\n    return a + b\n') },
      { file: 'answer.md', result: v.validate('return 1\n', { fragment: true }), code: 'return 1', warnings: ['extracted'] },
    ],
    errors: [{ file: 'img.png', code: 'INPUT_BINARY', message: 'img.png is a binary file (NUL bytes), not Python source' }],
  };
});

describe('report formats', () => {
  test('text: file:line:column: severity [rule] message, a verdict per file, a summary', () => {
    const text = formatReport(report, 'text');
    expect(text).toContain('nodes/bad.py:6:12: error [security/os-shell] os.system() runs its argument through the shell');
    expect(text).toContain('(B605, CWE-78)');
    expect(text).toMatch(/nodes\/bad\.py: FAILED {2}score 0\.\d\d/);
    expect(text).toMatch(/nodes\/good\.py: passed {2}score 1\.00/);
    expect(text).toContain('img.png: error: img.png is a binary file');
    expect(text.trimEnd().split('\n').at(-1)).toBe('3 file(s) checked: 2 passed, 1 failed, 1 could not be read');
  });

  test('json: the documented shape and field names', () => {
    const json = JSON.parse(formatReport(report, 'json'));
    expect(Object.keys(json)).toEqual(['results', 'summary', 'errors']);
    expect(json.summary).toEqual({ files: 3, passed: 2, failed: 1, errors: 1 });
    const bad = json.results[0];
    expect(bad).toMatchObject({ file: 'nodes/bad.py', syntaxValid: true, passed: false });
    expect(typeof bad.score).toBe('number');
    expect(bad.issues[0]).toEqual(
      expect.objectContaining({ ruleId: 'security/os-shell', category: 'security', severity: 'error', line: 6, column: 12, bandit: 'B605', cwe: 'CWE-78' }),
    );
    expect(Object.keys(bad.issues[0]).slice(0, 6)).toEqual(['ruleId', 'category', 'severity', 'message', 'line', 'column']);
    expect(json.results[1].code).toBeUndefined();
    expect(json.results[2].code).toBe('return 1');
  });

  test('sarif: 2.1.0 with rules, levels, CWE tags and regions GitHub code scanning reads', () => {
    const sarif = JSON.parse(formatReport(report, 'sarif'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
    const run = sarif.runs[0];
    expect(run.tool.driver.name).toBe('onexgen-validate');
    const ruleIds = run.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(ruleIds).toContain('security/os-shell');
    const rule = run.tool.driver.rules[ruleIds.indexOf('security/os-shell')];
    expect(rule.properties.tags).toContain('external/cwe/cwe-78');
    expect(rule.properties['security-severity']).toBe('9.8'); // CWE-78's score (was one value for every rule)
    expect(rule.shortDescription.text.length).toBeGreaterThan(5);
    const result = run.results.find((r: { ruleId: string }) => r.ruleId === 'security/os-shell');
    expect(result.level).toBe('error');
    expect(run.tool.driver.rules[result.ruleIndex].id).toBe('security/os-shell');
    expect(result.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'nodes/bad.py', uriBaseId: '%SRCROOT%' },
      region: expect.objectContaining({ startLine: 6, startColumn: 12 }),
    });
    expect(run.results.every((r: { message: { text: string } }) => r.message.text.length > 0)).toBe(true);
    expect(run.invocations[0].executionSuccessful).toBe(false);
  });
});
