#!/usr/bin/env node
// Renders the @onexgen/metrics HTML report over a seeded data set and photographs it with headless
// Chromium, so a person can see what the report looks like without a browser session.
//   node tools/report-shot/report-shot.mjs [--out DIR] [--count N]
// Needs the built package (cd packages/metrics && npx tsup) and Debian's chromium.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  collectReportData,
  createMetricsStore,
  migrate,
  openDatabase,
  renderReport,
  renderTextReport,
} from '@onexgen/metrics';
import { syntheticDataset } from '../bench/metrics-dataset.mjs';

const { values } = parseArgs({
  options: { out: { type: 'string', default: 'tmp/report-shot' }, count: { type: 'string', default: '2000' } },
});
const outDir = resolve(values.out);
const count = Number(values.count);
if (!Number.isInteger(count) || count < 1) {
  console.error(`--count must be a positive integer, got ${values.count}`);
  process.exit(2);
}
const chromium = ['chromium', 'chromium-browser', 'google-chrome'].find((bin) => {
  try {
    execFileSync('which', [bin], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});
if (!chromium) {
  console.error('No chromium found: apt-get update && apt-get install -y chromium');
  process.exit(2);
}

mkdirSync(outDir, { recursive: true });
const handle = await openDatabase('memory://');
await migrate(handle);
const store = await createMetricsStore(handle);
const data = syntheticDataset({ count, days: 7 });
await store.record('generation', data.generations);
await store.record('attempt', data.attempts);
await store.record('contextBuild', data.contextBuilds);
await store.record('fallback', data.fallbacks);
const report = await collectReportData(store, { since: new Date('2026-11-16T00:00:00Z'), until: new Date('2026-11-23T00:00:00Z'), bucket: 'day' });
await handle.close();

const htmlPath = join(outDir, 'metrics-report.html');
const pngPath = join(outDir, 'metrics-report.png');
writeFileSync(htmlPath, renderReport(report));
writeFileSync(join(outDir, 'metrics-report.txt'), renderTextReport(report));

const profile = mkdtempSync(join(tmpdir(), 'report-shot-chromium-'));
try {
  execFileSync(
    chromium,
    [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', `--user-data-dir=${profile}`, `--screenshot=${pngPath}`, '--window-size=1280,1600',
      '--hide-scrollbars', `file://${htmlPath}`,
    ],
    { stdio: 'pipe', timeout: 60_000 },
  );
} finally {
  rmSync(profile, { recursive: true, force: true });
}
if (!existsSync(pngPath)) {
  console.error('chromium exited without writing the screenshot');
  process.exit(1);
}
console.log(`report:     ${htmlPath}\ntext:       ${join(outDir, 'metrics-report.txt')}\nscreenshot: ${pngPath}`);
