// A real npm registry for the publish test: verdaccio (child process) on 127.0.0.1 with a temp
// storage. Our packages (`onexgen`, `@onexgen/*`) live only here; everything else is proxied from
// the registry npm is configured with, so consumers install third-party dependencies as usual.
import { spawn, execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function configYaml(dir, upstream) {
  const own = { access: '$all', publish: '$authenticated', unpublish: '$authenticated' };
  const block = (o) => Object.entries(o).map(([k, v]) => `    ${k}: ${v}`).join('\n');
  return [
    `storage: ${JSON.stringify(join(dir, 'storage'))}`,
    'auth:',
    '  htpasswd:',
    `    file: ${JSON.stringify(join(dir, 'htpasswd'))}`,
    '    max_users: 10',
    'uplinks:',
    '  upstream:',
    `    url: ${JSON.stringify(upstream)}`,
    '    timeout: 60s',
    'packages:',
    "  'onexgen':",
    block(own),
    "  '@onexgen/*':",
    block(own),
    "  '**':",
    '    access: $all',
    '    proxy: upstream',
    'log: { type: stdout, format: pretty, level: warn }',
    '',
  ].join('\n');
}

async function waitForPing(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`verdaccio exited with ${child.exitCode} before answering`);
    try {
      const res = await fetch(`${url}-/ping`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`verdaccio did not answer ${url}-/ping within ${timeoutMs} ms`);
}

/** Registers a user the way `npm adduser` does and returns its token. */
async function addUser(url, name, password) {
  const res = await fetch(`${url}-/user/org.couchdb.user:${name}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ _id: `org.couchdb.user:${name}`, name, password, type: 'user', roles: [], date: new Date().toISOString() }),
  });
  const body = await res.json();
  if (!res.ok || !body.token) throw new Error(`verdaccio adduser failed: ${res.status} ${JSON.stringify(body)}`);
  return body.token;
}

/**
 * Starts verdaccio; `userconfig` is an npmrc holding the token (pass it as npm_config_userconfig to
 * anything that publishes). `stop()` ends the process and deletes the storage.
 */
export async function startLocalRegistry({ upstream } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'onexgen-registry-'));
  const uplink = upstream ?? execFileSync('npm', ['config', 'get', 'registry'], { cwd: tmpdir(), encoding: 'utf8' }).trim();
  writeFileSync(join(dir, 'config.yaml'), configYaml(dir, uplink));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const bin = join(require.resolve('verdaccio/package.json'), '..', 'bin', 'verdaccio');
  const child = spawn(process.execPath, [bin, '--config', join(dir, 'config.yaml'), '--listen', `127.0.0.1:${port}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const stop = () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForPing(url, child, 60_000);
    const token = await addUser(url, 'onexgen-ci', 'onexgen-ci-password');
    const userconfig = join(dir, 'npmrc');
    writeFileSync(userconfig, `//127.0.0.1:${port}/:_authToken=${token}\n`);
    return { url, userconfig, log: () => log, stop };
  } catch (err) {
    stop();
    throw new Error(`${err.message}\n${log}`);
  }
}
