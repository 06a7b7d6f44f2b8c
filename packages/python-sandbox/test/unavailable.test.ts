import { describe, expect, it } from '@jest/globals';
import { createSandbox } from '@onexgen/python-sandbox';

describe('without Python', () => {
  it('is unavailable with a reason, and runs report status unavailable', async () => {
    const sandbox = await createSandbox({ python: '/nonexistent' });
    expect(sandbox.available).toBe(false);
    expect(sandbox.unavailableReason).toMatch(/no Python ≥ 3\.10 found: \/nonexistent could not be started \(ENOENT\)/);
    const run = await sandbox.runMethod({ files: {}, module: 'node', className: 'N', method: 'm', examples: [{ given: {}, expect: 1 }] });
    expect(run).toMatchObject({ status: 'unavailable', results: [], passed: 0, failed: 0 });
    await sandbox.close();
  });

  it('rejects an interpreter older than 3.10, naming its version', async () => {
    // A fake interpreter that answers the probe like Python 3.8 would.
    const { mkdtemp, writeFile, chmod } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(join(tmpdir(), 'old-python-'));
    const fake = join(dir, 'python3');
    await writeFile(fake, '#!/bin/sh\necho \'{"path": "/opt/py38/bin/python3", "version": [3, 8, 18]}\'\n');
    await chmod(fake, 0o755);
    try {
      const sandbox = await createSandbox({ python: fake });
      expect(sandbox.available).toBe(false);
      expect(sandbox.unavailableReason).toContain('is 3.8.18');
    } finally {
      const { rm } = await import('node:fs/promises');
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("is unavailable for runtime 'real' when the interpreter has no omnibase_core, and auto falls back to the stand-in", async () => {
    const real = await createSandbox({ runtime: 'real' });
    expect(real.available).toBe(false);
    expect(real.unavailableReason).toMatch(/runtime 'real' needs omnibase_core importable by .*No module named 'omnibase_core'/);
    const auto = await createSandbox({ runtime: 'auto' });
    expect(auto.runtime).toBe('stand-in');
    await auto.close();
  });

  it('rejects bad options, naming the field', async () => {
    await expect(createSandbox({ limits: { exampleTimeoutMs: -1 } })).rejects.toThrow(/options\.limits\.exampleTimeoutMs/);
  });
});
