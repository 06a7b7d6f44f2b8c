// A run's sandbox (finding Python, probing the network, starting the Python worker: 0.6–0.8 s and
// ~0.45 s of CPU) starts with the run's first method that has examples, never at session open: a
// run whose specs have no examples starts no Python at all. A started sandbox is closed with the
// session, even while it is still starting. The Python here is a script that records that it was
// asked (`probed`) and holds until the test opens a gate file, then runs the real interpreter.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from '@jest/globals';
import { loadConfig, loadSpecFile, openSession, runNodes } from '../src/index.js';

const tmp = mkdtempSync(join(tmpdir(), 'onexgen-sandbox-start-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const realPython = execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();
const SPECS = fileURLToPath(new URL('../../../examples/specs/', import.meta.url));

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
  while (!condition()) await new Promise((r) => setTimeout(r, 20));
}

function open(dir: string, python: string) {
  const env = { HOME: dir };
  const loaded = loadConfig({ cwd: dir, env, flags: { db: 'memory://', offline: true, python } });
  return openSession({ loaded, env, cwd: dir });
}

const jobFor = async (spec: string, dir: string) => {
  const file = join(SPECS, spec);
  return { kind: 'spec' as const, file, spec: await loadSpecFile(file), outDir: join(dir, 'out') };
};

test('a session opens without starting Python; the sandbox starts when first asked for, and is there once Python answers', async () => {
  const dir = mkdtempSync(join(tmp, 'open-'));
  const { python, probed, gate } = gatedPython(dir);
  const session = await open(dir, python);
  try {
    await new Promise((r) => setTimeout(r, 300));
    expect(existsSync(probed)).toBe(false);
    expect(session.sandbox?.started).toBe(false);
    const asked = session.sandbox!.get();
    await until(() => existsSync(probed));
    writeFileSync(gate, '');
    const sandbox = await asked;
    expect(sandbox.available).toBe(true);
    expect(sandbox.python?.path).toBe(realPython);
    // one sandbox per session: asking again gives the same one
    expect(await session.sandbox!.get()).toBe(sandbox);
  } finally {
    writeFileSync(gate, '');
    await session.close();
  }
}, 60_000);

test('a run whose specs have no examples never starts Python', async () => {
  const dir = mkdtempSync(join(tmp, 'none-'));
  const { python, probed, gate } = gatedPython(dir);
  const session = await open(dir, python);
  try {
    const [node] = await runNodes(session, [await jobFor('price-calculator-compute.yaml', dir)]);
    expect(node!.status).toBe('written');
    expect(node!.methods.length).toBeGreaterThan(0);
    expect(session.sandbox?.started).toBe(false);
  } finally {
    await session.close();
    writeFileSync(gate, '');
  }
  expect(existsSync(probed)).toBe(false);
}, 60_000);

test('a method with examples starts the sandbox as it begins', async () => {
  const dir = mkdtempSync(join(tmp, 'examples-'));
  const { python, probed, gate } = gatedPython(dir);
  const session = await open(dir, python);
  try {
    const running = runNodes(session, [await jobFor('invoice-lines-compute.yaml', dir)]);
    await until(() => existsSync(probed));
    expect(session.sandbox?.started).toBe(true);
    writeFileSync(gate, '');
    const [node] = await running;
    expect(node!.status).toBe('written');
  } finally {
    writeFileSync(gate, '');
    await session.close();
  }
}, 60_000);

test('a session closed while its sandbox is starting waits for it and closes it; it cannot start after', async () => {
  const dir = mkdtempSync(join(tmp, 'close-'));
  const { python, probed, gate } = gatedPython(dir);
  const session = await open(dir, python);
  session.sandbox!.warm();
  await until(() => existsSync(probed));
  let closed = false;
  const closing = session.close().then(() => {
    closed = true;
  });
  // the close cannot finish while the sandbox has not started (a close that did not wait would
  // leave its Python worker running behind the session)
  await new Promise((r) => setTimeout(r, 300));
  expect(closed).toBe(false);
  writeFileSync(gate, '');
  await closing;
  expect(closed).toBe(true);
  await expect(session.sandbox!.get()).rejects.toThrow(/closed/);
}, 60_000);
