// What `onexgen metrics` runs (loaded when the command runs, not at start-up).
import { resolve } from 'node:path';
import { compareRecordedArms, renderRecordedArmsText } from '@onexgen/eval';
import { collectReportData, createMetricsStore, renderReport, renderTextReport, type ArmDimension } from '@onexgen/metrics';
import { OnexgenError } from '@onexgen/pipeline/errors';
import { writeFileAtomic } from '@onexgen/node-source';
import type { CliIO } from '../io.js';
import { openRecordedDatabase } from '../open-recorded-database.js';
import { configFor } from '../run-pipeline.js';

export interface MetricsOptions {
  since?: string;
  db?: string;
  config?: string;
  json?: boolean;
  html?: string;
  by?: string;
}

const BY: Record<string, ArmDimension> = { 'prompt-version': 'promptVersion', arm: 'experimentArm' };

function byOf(value: string): ArmDimension {
  const by = BY[value];
  if (!by) throw new OnexgenError('USAGE', `--by: expected ${Object.keys(BY).join(' or ')}, got "${value}"`);
  return by;
}

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `7d`, `12h`, `30m`, `2w` or an ISO date. */
export function parseSince(value: string, now = Date.now()): Date {
  const m = /^(\d+)\s*([mhdw])$/.exec(value.trim());
  if (m) return new Date(now - Number(m[1]) * UNITS[m[2]!]!);
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new OnexgenError('USAGE', `--since: expected 7d, 12h, 30m, 2w or a date, got "${value}"`);
  return date;
}

export async function runMetrics(io: CliIO, opts: MetricsOptions): Promise<void> {
  const loaded = configFor(io, { ...(opts.db ? { db: opts.db } : {}), ...(opts.config ? { config: opts.config } : {}) });
  const since = opts.since ? parseSince(opts.since) : undefined;
  const by = opts.by === undefined ? undefined : byOf(opts.by);
  if (by && opts.html) throw new OnexgenError('USAGE', '--by prints text or --json; --html is the full report');
  const handle = await openRecordedDatabase(loaded, io.cwd, 'metrics');
  try {
    const store = await createMetricsStore(handle);
    if (by) {
      const compared = compareRecordedArms(by, await store.armOutcomes({ by, ...(since ? { since } : {}) }));
      io.stdout(opts.json ? `${JSON.stringify(compared, null, 2)}\n` : renderRecordedArmsText(compared));
      await store.close();
      return;
    }
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
}
