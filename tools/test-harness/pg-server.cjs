// A throwaway PostgreSQL server for tests: initdb + pg_ctl in a temp dir, 127.0.0.1, a free port.
// Plain CommonJS so jest's globalSetup, the root test runner and scripts can all load it untransformed.
'use strict';
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const INSTALL_HINT =
  'No PostgreSQL server binaries (initdb, pg_ctl) were found.\n' +
  '  Install them:   apt-get update && apt-get install -y postgresql   (Debian/Ubuntu)\n' +
  '  or point tests at a server you run:   export DATABASE_URL=postgres://user:pass@host:5432/db\n' +
  '  or name the binaries folder:          export PG_BIN=/usr/lib/postgresql/15/bin';

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Finds the folder holding initdb and pg_ctl: $PG_BIN, then PATH, then Debian's versioned folders. */
function findPgBin() {
  const candidates = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  for (const dir of (process.env.PATH || '').split(path.delimiter)) if (dir) candidates.push(dir);
  const debian = '/usr/lib/postgresql';
  if (fs.existsSync(debian)) {
    const versions = fs
      .readdirSync(debian)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) candidates.push(path.join(debian, v, 'bin'));
  }
  for (const dir of candidates) {
    if (isExecutable(path.join(dir, 'initdb')) && isExecutable(path.join(dir, 'pg_ctl'))) return dir;
  }
  throw new Error(INSTALL_HINT);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** initdb and pg_ctl refuse to run as root: run them as the `postgres` user in that case. */
function runAs(user, bin, args, opts = {}) {
  if (user) return execFileSync('runuser', ['-u', user, '--', bin, ...args], { stdio: 'pipe', ...opts });
  return execFileSync(bin, args, { stdio: 'pipe', ...opts });
}

function serverUser() {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  try {
    execFileSync('id', ['-u', 'postgres'], { stdio: 'pipe' });
  } catch {
    throw new Error(
      'Running as root, and initdb refuses root; no `postgres` user exists to run it as.\n' +
        '  Create one (useradd --system postgres) or install Debian\'s postgresql package, or set DATABASE_URL.',
    );
  }
  return 'postgres';
}

function stopSync(server) {
  if (!server || server.stopped) return;
  server.stopped = true;
  try {
    runAs(server.user, path.join(server.bin, 'pg_ctl'), ['-D', server.dataDir, '-m', 'immediate', '-w', 'stop']);
  } catch {
    /* already down */
  }
  try {
    if (server.watchdogPid) process.kill(server.watchdogPid, 'SIGKILL');
  } catch {
    /* gone */
  }
  fs.rmSync(server.dir, { recursive: true, force: true });
}

/**
 * Starts a server and returns { url, dir, stop() }. A detached watchdog stops and removes it if this
 * process dies without calling stop() (SIGKILL, crash); SIGINT/SIGTERM stop it directly.
 */
async function startServer() {
  const bin = findPgBin();
  const user = serverUser();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onexgen-pg-'));
  const dataDir = path.join(dir, 'data');
  const server = { bin, user, dir, dataDir, stopped: false, watchdogPid: 0, url: '' };
  try {
    if (user) execFileSync('chown', ['-R', `${user}:`, dir]);
    fs.chmodSync(dir, 0o700);
    runAs(user, path.join(bin, 'initdb'), ['-D', dataDir, '-U', 'onexgen', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
    const port = await freePort();
    const pgOptions = `-p ${port} -h 127.0.0.1 -k ${dir} -F -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
    runAs(user, path.join(bin, 'pg_ctl'), ['-D', dataDir, '-o', pgOptions, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', 'start']);
    server.url = `postgres://onexgen@127.0.0.1:${port}/postgres`;
  } catch (err) {
    const log = path.join(dir, 'server.log');
    const detail = fs.existsSync(log) ? `\n--- server.log ---\n${fs.readFileSync(log, 'utf8').slice(-2000)}` : '';
    const stderr = err && err.stderr ? `\n${err.stderr.toString()}` : '';
    stopSync(server);
    throw new Error(`Could not start a test PostgreSQL server: ${err.message}${stderr}${detail}`);
  }
  const watchdog = spawn(process.execPath, [path.join(__dirname, 'pg-watchdog.cjs'), String(process.pid), bin, dataDir, dir, user || ''], {
    detached: true,
    stdio: 'ignore',
  });
  watchdog.unref();
  server.watchdogPid = watchdog.pid;
  const onSignal = (sig) => {
    stopSync(server);
    process.exit(sig === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('exit', () => stopSync(server));
  server.stop = () => stopSync(server);
  return server;
}

module.exports = { startServer, findPgBin, INSTALL_HINT };
