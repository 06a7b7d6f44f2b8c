// runtime 'auto' / 'real' with an interpreter that has its own omnibase_core: a venv whose
// site-packages holds a copy of the stand-in posing as the installed package (marked, so the test
// can tell which one the node imported).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createSandbox, STAND_IN_DIR } from '@onexgen/python-sandbox';

let dir: string;
let venvPython: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'onexgen-real-onex-'));
  const base = process.env.ONEXGEN_TEST_PYTHON ?? 'python3';
  execFileSync(base, ['-m', 'venv', '--without-pip', join(dir, 'venv')], { stdio: 'pipe' });
  venvPython = join(dir, 'venv', 'bin', 'python');
  const lib = join(dir, 'venv', 'lib');
  const version = readdirSync(lib).find((name) => name.startsWith('python3'));
  const installed = join(lib, version!, 'site-packages', 'omnibase_core');
  cpSync(join(STAND_IN_DIR, 'omnibase_core'), installed, { recursive: true });
  const init = join(installed, '__init__.py');
  writeFileSync(init, readFileSync(init, 'utf8').replace('__onexgen_stand_in__ = True', '__onexgen_stand_in__ = False'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const files = {
  'node.py': `
import omnibase_core
from omnibase_core.nodes.node_compute import NodeCompute


class NodeWhich(NodeCompute):
    def which(self) -> str:
        return "stand-in" if omnibase_core.__onexgen_stand_in__ else "installed"
`,
};

describe('the interpreter’s own omnibase_core', () => {
  it('is used under runtime auto and real, and ignored under stand-in', async () => {
    for (const [runtime, expected] of [
      ['auto', 'installed'],
      ['real', 'installed'],
      ['stand-in', 'stand-in'],
    ] as const) {
      const sandbox = await createSandbox({ python: venvPython, runtime });
      expect(sandbox.available).toBe(true);
      const run = await sandbox.runMethod({ files, module: 'node', className: 'NodeWhich', method: 'which', examples: [{ given: {}, expect: expected }] });
      expect([runtime, run.runtime, run.results[0]!.outcome]).toEqual([runtime, expected === 'installed' ? 'real' : 'stand-in', 'passed']);
      await sandbox.close();
    }
  });
});
