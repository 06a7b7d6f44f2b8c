// Records survive a database outage: a run whose PostgreSQL goes away after the session opened keeps
// its metrics in the spool (cwd's .onexgen/), says so, ends cleanly, and the next run writes them
// exactly once. The outage is a TCP gate in front of the harness server (which stays up for others).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { loadConfig, loadSpecFile, openSession, runNodes } from '../src/index.js';
import { dumpDatabase } from './helpers/db-dump.js';
import { freshDatabase } from './helpers/fresh-database.js';
import { runInProcess } from './helpers/run-in-process.js';
import { startTcpGate, type TcpGate } from './helpers/tcp-gate.js';

const EXAMPLES = fileURLToPath(new URL('../../../examples/specs/', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'onexgen-spool-'));
let gate: TcpGate;
let gatedUrl: string;
let directUrl: string;

beforeAll(async () => {
  directUrl = await freshDatabase('onexgen_spool');
  const direct = new URL(directUrl);
  gate = await startTcpGate(direct.hostname, Number(direct.port));
  const gated = new URL(directUrl);
  gated.port = String(gate.port);
  gatedUrl = gated.toString();
});
afterAll(async () => {
  await gate?.close();
  rmSync(tmp, { recursive: true, force: true });
});

test('a database outage mid-run: records are spooled, the run ends cleanly, the next run writes them once', async () => {
  const cwd = mkdtempSync(join(tmp, 'run-'));
  const env = { HOME: cwd };
  const loaded = loadConfig({ cwd, env, flags: { db: gatedUrl, offline: true } });
  const session = await openSession({ loaded, env, cwd });
  const spec = await loadSpecFile(join(EXAMPLES, 'price-calculator-compute.yaml'));
  await gate.close();
  const nodes = await runNodes(session, [{ kind: 'spec', file: 'price-calculator-compute.yaml', spec, outDir: join(cwd, 'out') }]);
  await session.close();
  expect(nodes[0]!.status).toBe('written');
  const methods = nodes[0]!.methods.length;
  expect(methods).toBeGreaterThan(1);
  // kept on disk, and the user is told where
  const spoolDir = join(cwd, '.onexgen');
  const spools = readdirSync(spoolDir).filter((f) => f.endsWith('.spool'));
  expect(spools).toHaveLength(1);
  expect(readFileSync(join(spoolDir, spools[0]!), 'utf8').trim().split('\n').length).toBeGreaterThan(0);
  expect(session.recorder.warnings.join('\n')).toContain(`kept in ${join(spoolDir, spools[0]!)}`);
  expect(session.recorder.warnings.join('\n')).not.toContain('could not record');
  expect(existsSync(join(spoolDir, `${spools[0]!}.lock`))).toBe(false);

  // the database is back: the next run in the same folder writes the spooled rows first, once
  await gate.open();
  const next = await runInProcess(['generate', join(EXAMPLES, 'event-counter-reducer.yaml'), '--out', join(cwd, 'out2'), '--offline', '--json'], {
    cwd,
    env: { ...env, CI: '1', DATABASE_URL: gatedUrl },
  });
  expect(next.code).toBeLessThan(2);
  expect(next.stderr).not.toContain('warning');
  const db = await dumpDatabase(directUrl);
  const generations = db.rows.llm_generation_metrics!;
  expect(generations.filter((g) => g.session_id === session.id)).toHaveLength(methods);
  expect(generations.filter((g) => g.session_id === JSON.parse(next.stdout).sessionId)).toHaveLength(
    JSON.parse(next.stdout).nodes[0].methods.length,
  );
  expect(readFileSync(join(spoolDir, spools[0]!), 'utf8')).toBe('');
}, 120_000);
