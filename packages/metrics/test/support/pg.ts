// Integration-test helpers: a fresh database per test file on the harness server, and a private
// server that a test may stop and start again (pg-server.cjs's own stop() also deletes its data).
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import postgres from 'postgres';
import { testDatabaseUrl } from '@onexgen/test-harness';

const require = createRequire(import.meta.url);

interface HarnessServer {
  url: string;
  dir: string;
  dataDir: string;
  bin: string;
  user: string | null;
  stop(): void;
}
const { startServer } = require('../../../../tools/test-harness/pg-server.cjs') as {
  startServer(): Promise<HarnessServer>;
};

/** Creates `<prefix>_<random>` on the server behind `serverUrl`; returns its URL and a dropper. */
export async function createDatabase(
  prefix: string,
  serverUrl = testDatabaseUrl(),
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`.toLowerCase();
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const a = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists "${name}" with (force)`);
      await a.end();
    },
  };
}

export interface RestartableServer {
  url: string;
  /** Fast shutdown: clients see their connections terminated, new ones are refused. */
  stop(): void;
  start(): void;
  /** Stop for good and delete the data. */
  destroy(): void;
}

export async function startRestartableServer(): Promise<RestartableServer> {
  const server = await startServer();
  const port = new URL(server.url).port;
  const pgCtl = (args: string[]) => {
    const bin = join(server.bin, 'pg_ctl');
    if (server.user) execFileSync('runuser', ['-u', server.user, '--', bin, ...args], { stdio: 'pipe' });
    else execFileSync(bin, args, { stdio: 'pipe' });
  };
  const options = `-p ${port} -h 127.0.0.1 -k ${server.dir} -F -c fsync=off -c max_connections=50`;
  return {
    url: server.url,
    stop: () => pgCtl(['-D', server.dataDir, '-m', 'fast', '-w', 'stop']),
    start: () => pgCtl(['-D', server.dataDir, '-o', options, '-l', join(server.dir, 'server.log'), '-w', '-t', '60', 'start']),
    destroy: () => server.stop(),
  };
}
