// The generated package's last gate runs the run's profile with only its security rules on: it
// refuses what the full profile refuses (unparsable files, security errors) with the same message,
// and spends nothing on the rules whose findings it never reads.
import { beforeAll, describe, expect, test } from '@jest/globals';
import { createValidator, type Validator } from '@onexgen/response-validator';
import { checkGeneratedPackage, packageCheckValidator } from '../src/skeleton/check-package.js';

let full: Validator;
let gate: Validator;
beforeAll(async () => {
  [full, gate] = await Promise.all([createValidator({ profile: 'onex-v2' }), packageCheckValidator('onex-v2')]);
});

const refusal = (validator: Validator, files: { path: string; content: string }[]) =>
  checkGeneratedPackage(validator, 'x.yaml', files).then(
    () => 'accepted',
    (e: Error) => e.message,
  );

describe('packageCheckValidator', () => {
  test.each([
    ['top-level os.system', [{ path: 'node.py', content: 'import os\n\nos.system("rm -rf /tmp/x " + input())\n' }]],
    ['an unparsable file', [{ path: 'models/__init__.py', content: 'from .m import In"""\n' }]],
  ])('%s is refused with the message the full profile gives', async (_what, files) => {
    const message = await refusal(gate, files);
    expect(message).toMatch(/nothing was written/);
    expect(message).toBe(await refusal(full, files));
  });

  test('finds the same syntax and security issues as the full profile and no others', () => {
    const code = 'import subprocess\n\n\ndef run(cmd):\n    x = 1\n    # TODO: check cmd\n    return subprocess.call(cmd, shell=True)\n';
    const mine = gate.validate(code).issues;
    const theirs = full.validate(code).issues;
    expect(theirs.some((i) => i.category !== 'security' && i.category !== 'syntax')).toBe(true);
    expect(mine.some((i) => i.category === 'security')).toBe(true);
    expect(mine).toEqual(theirs.filter((i) => i.category === 'security' || i.category === 'syntax'));
  });
});
