// No spec text becomes code unchecked: each field that reaches node.py is validated for its role
// (a label, a class name, a signature), and the generated package is checked before it is written.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createValidator, type Validator } from '@onexgen/response-validator';
import { checkGeneratedPackage } from '../src/skeleton/check-package.js';
import { runInProcess } from './helpers/run-in-process.js';

const tmp = mkdtempSync(join(tmpdir(), 'onexgen-inject-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const env = { HOME: tmp, CI: '1' };
const PAYLOAD = '__import__("os").system("echo PWNED")';

async function generate(name: string, yaml: string) {
  const file = join(tmp, `${name}.yaml`);
  writeFileSync(file, yaml);
  const out = join(tmp, `out-${name}`);
  const r = await runInProcess(['generate', file, '--out', out, '--offline', '--db', 'memory://'], { env, cwd: tmp });
  return { ...r, wrote: existsSync(out) };
}

const head = (name: string, type = 'compute') => `name: ${name}\nnode_type: ${type}\ndescription: d\n`;

describe('spec fields that reach Python', () => {
  test.each([
    ['domain with a newline', `${head('a')}domain: ${JSON.stringify(`x\n${PAYLOAD}`)}\n`, 'domain: must be a short label'],
    ['domain closing the docstring', `${head('b')}domain: ${JSON.stringify(`x"""\n${PAYLOAD}\n"""`)}\n`, 'domain: must be a short label'],
    ['input_model with quotes', `${head('c', 'effect')}contract:\n  input_model: ${JSON.stringify(`In"""\n${PAYLOAD}`)}\n`, 'contract.input_model: must be a Python identifier'],
    ['output_model with a call', `${head('d', 'effect')}contract:\n  output_model: "Out(os.system('x'))"\n`, 'contract.output_model: must be a Python identifier'],
    ['signature spanning lines', `${head('e')}methods:\n  - name: f\n    signature: ${JSON.stringify(`def f(self) -> int:\n        ${PAYLOAD}\n    def g(self) -> int`)}\n`, 'methods[0].signature: must be one line'],
    ['signature with a call in a default', `${head('f')}methods:\n  - name: f\n    signature: ${JSON.stringify(`def f(self, x=${PAYLOAD}) -> int`)}\n`, 'methods[0].signature: calls'],
    ['signature with a body on the same line', `${head('g')}methods:\n  - name: f\n    signature: ${JSON.stringify(`def f(self) -> int: ${PAYLOAD}`)}\n`, 'methods[0].signature: is not a Python signature'],
    ['signature of another name', `${head('h')}methods:\n  - name: f\n    signature: "def g(self) -> int"\n`, 'methods[0].signature: declares "g" but the method is named "f"'],
  ])('%s is refused with exit 2, naming the field, nothing written', async (_name, yaml, message) => {
    const r = await generate(_name.replace(/\W+/g, '-'), yaml);
    expect(r.stderr).toContain(message);
    expect(r.code).toBe(2);
    expect(r.wrote).toBe(false);
  });

  test('a plain signature with literal defaults and typed parameters is accepted', async () => {
    const r = await generate('ok', `${head('ok_sig')}methods:\n  - name: round_money\n    signature: "def round_money(self, amount: float, places: int = 2) -> float"\n    docstring: Round.\n`);
    expect(r.stderr).not.toContain('signature');
    expect([0, 1]).toContain(r.code);
    expect(r.wrote).toBe(true);
  }, 180_000);
});

describe('the generated package gate', () => {
  let validator: Validator;
  beforeAll(async () => {
    validator = await createValidator({ profile: 'onex-v2' });
  });

  test('a package holding top-level os.system is refused before anything is written', async () => {
    const files = [{ path: 'node.py', content: 'import os\n\nos.system("rm -rf /tmp/x " + input())\n' }];
    await expect(checkGeneratedPackage(validator, 'x.yaml', files)).rejects.toMatchObject({ code: 'TEMPLATE_RENDER_FAILED', exitCode: 2 });
  });

  test('an unparsable file is refused', async () => {
    await expect(checkGeneratedPackage(validator, 'x.yaml', [{ path: 'models/__init__.py', content: 'from .m import In"""\n' }])).rejects.toThrow(/not valid Python/);
  });
});
