// Rule profiles: the shipped data files, a team's own object or file, and bad profiles.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { createValidator, describeRules, loadProfile, ValidatorError } from '../src/index.js';

const secret = 'def f() -> None:\n    """F."""\n    password = "hunter2hunter2"\n    print(password)\n';

describe('profiles', () => {
  test('onex-v2 extends generic-python and checks against the shipped omnibase_core index', () => {
    const p = loadProfile('onex-v2');
    expect(p.lineage).toEqual(['generic-python', 'onex-v2']);
    expect(p.apiIndex).toMatch(/data[\\/]api[\\/]omnibase_core-0\.3\.1\.json\.gz$/);
    expect(loadProfile('generic-python').apiIndex).toBeUndefined();
    expect(p.rules['security/sql-injection']?.severity).toBe('error');
    expect(p.rules['onex/log-call-form']).toBeDefined();
  });

  test('every rule a shipped profile names exists, and every rule is in onex-v2', () => {
    const known = new Set(describeRules().map((r) => r.id));
    for (const id of ['onex-v2', 'generic-python']) for (const rule of Object.keys(loadProfile(id).rules)) expect(known).toContain(rule);
    const onex = loadProfile('onex-v2');
    for (const r of describeRules()) if (!r.id.startsWith('syntax/')) expect(Object.keys(onex.rules)).toContain(r.id);
  });

  test('generic-python has no ONEX compliance rules', async () => {
    const v = await createValidator({ profile: 'generic-python' });
    const r = v.validate(secret);
    expect(r.issues.some((i) => i.category === 'compliance')).toBe(false);
    expect(r.issues.map((i) => i.ruleId)).toEqual(['security/hardcoded-secret', 'security/secret-in-log']);
  });

  test('a profile object can extend a built-in and switch rules off or change severity', async () => {
    const v = await createValidator({
      profile: { id: 'team', extends: 'generic-python', rules: { 'security/secret-in-log': { enabled: false }, 'security/hardcoded-secret': { severity: 'warning' } } },
    });
    const r = v.validate(secret);
    expect(v.profile).toBe('team');
    expect(r.issues.map((i) => `${i.ruleId}:${i.severity}`)).toEqual(['security/hardcoded-secret:warning']);
    expect(r.passed).toBe(true);
  });

  test('a profile file (YAML) with rule options, resolved relative to itself', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'profile-'));
    const file = path.join(dir, 'strict.yaml');
    fs.writeFileSync(file, 'id: strict\nextends: generic-python\nrules:\n  quality/complexity: { severity: error, options: { max: 1 } }\n');
    const v = await createValidator({ profile: file });
    const r = v.validate('def f(x: int) -> int:\n    """F."""\n    if x:\n        return 1\n    return 0\n');
    expect(r.issues.map((i) => `${i.ruleId}:${i.severity}`)).toEqual(['quality/complexity:error']);
  });

  test.each([
    [{ id: 'x', rules: { 'quality/complexity': { severity: 'fatal' } } }, /rules\.quality\/complexity\.severity/],
    [{ id: 'x', unknownSection: 1 }, /unknownSection|Unrecognized/],
    [{ id: 'x', extends: 'no-such-profile' }, /neither a built-in profile/],
  ])('a bad profile fails with the path of the bad field (%#)', (profile, message) => {
    expect(() => loadProfile(profile as never)).toThrow(message);
    try {
      loadProfile(profile as never);
    } catch (e) {
      expect(e).toBeInstanceOf(ValidatorError);
    }
  });

  test('an extends cycle is refused', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'profile-'));
    fs.writeFileSync(path.join(dir, 'a.yaml'), 'id: a\nextends: b.yaml\n');
    fs.writeFileSync(path.join(dir, 'b.yaml'), 'id: b\nextends: a.yaml\n');
    expect(() => loadProfile(path.join(dir, 'a.yaml'))).toThrow(/cycle/);
  });

  test('an invalid validation context is refused with the field named', async () => {
    const v = await createValidator();
    expect(() => v.validate('x = 1', { methodName: 'not an identifier' })).toThrow(/methodName/);
  });
});
