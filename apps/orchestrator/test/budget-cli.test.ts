// `onexgen budget status|set` in-process on a PGlite database: pools from the configuration file,
// changed from the CLI (kept in the database, overriding the file), refused when invalid.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from '@jest/globals';
import { runInProcess } from './helpers/run-in-process.js';

const tmp = mkdtempSync(join(tmpdir(), 'onexgen-budget-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const env = { HOME: tmp, CI: '1' };
const cli = (argv: string[]) => runInProcess([...argv, '--db', join(tmp, 'db')], { env, cwd: tmp });

test('status from the file, set overrides it, an invalid change is refused', async () => {
  writeFileSync(join(tmp, 'onexgen.config.yaml'), 'pools:\n  org: { lend: true }\n  backend: { parent: org, amount_usd: 5, period: month }\n  frontend: { parent: org, amountUsd: 3, mode: soft }\n');
  // no database yet: status refuses to create one
  expect((await cli(['budget', 'status'])).code).toBe(2);
  const set = await cli(['budget', 'set', 'backend', '--amount', '8', '--mode', 'soft']);
  expect(set.stderr).toBe('');
  expect(set.code).toBe(0);
  const status = JSON.parse((await cli(['budget', 'status', '--json'])).stdout) as { pool: string; limitMicros: number; mode: string; parent?: string; spentMicros: number; state: string }[];
  expect(status.map((s) => s.pool)).toEqual(['org', 'backend', 'frontend']);
  const backend = status.find((s) => s.pool === 'backend')!;
  // the amount and mode set from the CLI, the parent and period still from the file
  expect(backend).toMatchObject({ limitMicros: 8_000_000, mode: 'soft', parent: 'org', spentMicros: 0, state: 'ok' });
  expect(status.find((s) => s.pool === 'org')!.limitMicros).toBe(11_000_000);
  const text = await cli(['budget', 'status', '--pool', 'frontend']);
  expect(text.stdout).toMatch(/frontend\s+org\s+\d{4}-\d{2}\s+\$0\.0000 \/ \$3\.0000/);

  const bad = await cli(['budget', 'set', 'backend', '--parent', 'nowhere']);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('pools.backend.parent: no pool "nowhere"');
  expect((await cli(['budget', 'set', 'x', '--amount', 'lots'])).code).toBe(2);
  expect((await cli(['budget', 'set', 'x'])).stderr).toContain('give at least one of');
  const after = JSON.parse((await cli(['budget', 'status', '--json', '--pool', 'backend'])).stdout) as { parent: string }[];
  expect(after[0]!.parent).toBe('org');
}, 120_000); // eight CLI runs, each opening the embedded database: 4 s idle, over 30 s under a load average of ~28
