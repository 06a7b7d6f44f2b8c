// Who runs the user's code. As root, the sandbox switches each child to nobody when nobody can
// read the interpreter (else it says why it kept root); not as root, nothing changes. Checked
// with PATH's python3 and, where present, Debian's /usr/bin/python3.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { createSandbox } from '@onexgen/python-sandbox';
import { RUNS_AS_ROOT } from '../src/sandbox.js';

const dir = mkdtempSync(join(tmpdir(), 'onexgen-privileges-'));
const rootOnly = join(dir, 'root-only.cfg');
writeFileSync(rootOnly, 'token = not-for-user-code\n', { mode: 0o600 });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const files = {
  'node.py': `
import os
from omnibase_core.nodes.node_compute import NodeCompute


class NodeWho(NodeCompute):
    def who(self, path: str) -> list:
        try:
            with open(path) as handle:
                seen = "read"
        except PermissionError:
            seen = "denied"
        with open("scratch.txt", "w") as scratch:  # the working directory stays writable
            scratch.write("ok")
        return [os.getuid(), seen]
`,
};

const interpreters = [process.env.ONEXGEN_TEST_PYTHON, ...(existsSync('/usr/bin/python3') ? ['/usr/bin/python3'] : [])];

describe.each(interpreters.map((python) => [python ?? 'PATH python3', python]))('user code with %s', (_label, python) => {
  it('runs as nobody when the worker is root and can drop, and says so when it cannot', async () => {
    const sandbox = await createSandbox({ python });
    try {
      const run = await sandbox.runMethod({ files, module: 'node', className: 'NodeWho', method: 'who', examples: [{ given: { path: rootOnly }, expect: [65534, 'denied'] }] });
      const isRoot = process.getuid?.() === 0;
      if (!isRoot) {
        expect(sandbox.privileges).toBe('unprivileged');
        expect(run.results[0]!.actual).toBe(`[${process.getuid?.()}, 'read']`);
      } else if (sandbox.privileges === 'dropped') {
        expect(run.results[0]!.outcome).toBe('passed');
        expect(run.notes.some((n) => n.startsWith(RUNS_AS_ROOT))).toBe(false);
      } else {
        expect(sandbox.privileges).toBe('root');
        expect(sandbox.privilegesReason).toMatch(/nobody cannot read \/|switching to nobody failed/);
        expect(run.results[0]!.actual).toBe("[0, 'read']");
        expect(run.notes).toContain(`${RUNS_AS_ROOT}: ${sandbox.privilegesReason}`);
      }
    } finally {
      await sandbox.close();
    }
  });
});

describe('dropPrivileges: false', () => {
  it('keeps the worker’s user', async () => {
    const sandbox = await createSandbox({ dropPrivileges: false });
    try {
      expect(sandbox.privileges).toBe(process.getuid?.() === 0 ? 'root' : 'unprivileged');
      const run = await sandbox.runMethod({ files, module: 'node', className: 'NodeWho', method: 'who', examples: [{ given: { path: rootOnly }, expect: [process.getuid?.(), 'read'] }] });
      expect(run.results[0]!.outcome).toBe('passed');
    } finally {
      await sandbox.close();
    }
  });
});
