// A session opens without waiting for its sandbox (finding Python, probing the network, starting the
// Python worker: 0.6–0.8 s a session, in a queue worker on every run's first jobs). The sandbox does
// start at open, the first method with examples awaits it, and closing the session closes it even
// when it is still starting. The Python here is a script that holds its first probe until the test
// opens a gate file, then runs the real interpreter.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from '@jest/globals';
import { loadConfig, openSession } from '../src/index.js';

const tmp = mkdtempSync(join(tmpdir(), 'onexgen-sandbox-start-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const realPython = execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();

/** A python3 that signals it was asked (`probed`) and waits for `gate` before running the real one. */
function gatedPython(dir: string): { python: string; probed: string; gate: string } {
  const probed = join(dir, 'probed');
  const gate = join(dir, 'gate');
  const python = join(dir, 'python3');
  writeFileSync(python, `#!/bin/sh\ntouch '${probed}'\nwhile [ ! -e '${gate}' ]; do sleep 0.02; done\nexec '${realPython}' "$@"\n`);
  chmodSync(python, 0o755);
  return { python, probed, gate };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

function open(dir: string, python: string) {
  const env = { HOME: dir };
  const loaded = loadConfig({ cwd: dir, env, flags: { db: 'memory://', offline: true, python } });
  return openSession({ loaded, env, cwd: dir });
}

test('the session opens while its Python is still held; the sandbox started at open is there once Python answers', async () => {
  const dir = mkdtempSync(join(tmp, 'open-'));
  const { python, probed, gate } = gatedPython(dir);
  const session = await open(dir, python);
  try {
    // opened, and the probe is held: nothing waited for the sandbox
    expect(existsSync(gate)).toBe(false);
    expect(session.sandbox).toBeDefined();
    // ...but it did start with the session, not at its first use
    await until(() => existsSync(probed));
    writeFileSync(gate, '');
    const sandbox = await session.sandbox!;
    expect(sandbox.available).toBe(true);
    expect(sandbox.python?.path).toBe(realPython);
  } finally {
    writeFileSync(gate, '');
    await session.close();
  }
}, 60_000);

test('a session closed while its sandbox is starting waits for it and closes it', async () => {
  const dir = mkdtempSync(join(tmp, 'close-'));
  const { python, probed, gate } = gatedPython(dir);
  const session = await open(dir, python);
  await until(() => existsSync(probed));
  let closed = false;
  const closing = session.close().then(() => {
    closed = true;
  });
  // the close cannot finish while the sandbox has not started (a close that did not wait would
  // leave its Python worker running behind the session)
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(closed).toBe(false);
  writeFileSync(gate, '');
  await closing;
  expect(closed).toBe(true);
}, 60_000);
