// What `onexgen doctor` runs: the checks of ../../doctor/, printed one a line with the fix of each
// failure; exit 0 when none failed, 1 otherwise.
import { runChecks, type Check } from '../../doctor/checks.js';
import type { CliIO } from '../io.js';
import { configFor } from '../run-pipeline.js';

export interface DoctorOptions {
  db?: string;
  config?: string;
  provider?: string;
  baseUrl?: string;
  model?: string;
  python?: string;
  /** commander's --no-providers: false when given */
  providers?: boolean;
  json?: boolean;
}

const MARK: Record<Check['status'], string> = { ok: 'ok  ', warn: 'warn', fail: 'FAIL' };

export async function runDoctor(io: CliIO, opts: DoctorOptions): Promise<number> {
  const loaded = configFor(io, {
    ...(opts.db ? { db: opts.db } : {}),
    ...(opts.config ? { config: opts.config } : {}),
    ...(opts.provider ? { provider: opts.provider } : {}),
    ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}),
    ...(opts.model ? { model: opts.model } : {}),
    ...(opts.python ? { python: opts.python } : {}),
  });
  const checks = await runChecks({ loaded, env: io.env, cwd: io.cwd, probeProviders: opts.providers !== false });
  const failed = checks.filter((c) => c.status === 'fail').length;
  if (opts.json) {
    io.stdout(`${JSON.stringify({ ok: failed === 0, checks }, null, 2)}\n`);
  } else {
    for (const c of checks) {
      io.stdout(`${MARK[c.status]} ${c.name}: ${c.detail}\n`);
      if (c.fix) io.stdout(`     fix: ${c.fix}\n`);
    }
    io.stdout(failed === 0 ? 'ready\n' : `${failed} check(s) failed\n`);
  }
  return failed === 0 ? 0 : 1;
}
