// `onexgen metrics [--since 7d] [--json] [--html FILE]`: what the recorded runs cost and how they went.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { collectReportData, createMetricsStore, renderReport, renderTextReport } from '@onexgen/metrics';
import { OnexgenError } from '../../errors.js';
import { writeFileAtomic } from '@onexgen/node-source';
import { openDatabaseFor } from '../../pipeline/open-session.js';
import type { CliIO } from '../io.js';
import { configFor } from '../run-pipeline.js';

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `7d`, `12h`, `30m`, `2w` or an ISO date. */
export function parseSince(value: string, now = Date.now()): Date {
  const m = /^(\d+)\s*([mhdw])$/.exec(value.trim());
  if (m) return new Date(now - Number(m[1]) * UNITS[m[2]!]!);
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new OnexgenError('USAGE', `--since: expected 7d, 12h, 30m, 2w or a date, got "${value}"`);
  return date;
}

export function registerMetrics(program: Command, io: CliIO): void {
  program
    .command('metrics')
    .description('report recorded generations, attempts, cost, latency and fallbacks')
    .option('--since <when>', 'only runs since (7d, 12h, 2w or a date)')
    .option('--db <url|path>', 'database (default DATABASE_URL, then .onexgen/db)')
    .option('--config <file>', 'configuration file')
    .option('--json', 'print JSON')
    .option('--html <file>', 'also write an HTML report with charts')
    .action(async (opts: { since?: string; db?: string; config?: string; json?: boolean; html?: string }) => {
      const loaded = configFor(io, { ...(opts.db ? { db: opts.db } : {}), ...(opts.config ? { config: opts.config } : {}) });
      const since = opts.since ? parseSince(opts.since) : undefined;
      const handle = await openDatabaseFor(loaded.config.db, io.cwd);
      try {
        const store = await createMetricsStore(handle);
        const data = await collectReportData(store, since ? { since } : {});
        if (opts.html) {
          const file = resolve(io.cwd, opts.html);
          await writeFileAtomic(file, renderReport(data));
          if (!opts.json) io.stdout(`wrote ${file}\n`);
        }
        io.stdout(opts.json ? `${JSON.stringify(data, null, 2)}\n` : `${renderTextReport(data)}\n`);
        await store.close();
      } finally {
        await handle.close();
      }
    });
}
