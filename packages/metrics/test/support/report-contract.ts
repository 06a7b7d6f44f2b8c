// The reports over the seeded data: self-contained HTML with the charts the issue lists, and a
// plain-text table with the same numbers.
import { expect, test } from '@jest/globals';
import { collectReportData, renderReport, renderTextReport, type MetricsStore } from '../../src/index.js';
import { WINDOW } from './seed-data.js';

export function reportContract(getStore: () => MetricsStore): void {
  test('HTML report: self-contained, six charts, the seeded numbers', async () => {
    const data = await collectReportData(getStore(), { ...WINDOW, bucket: 'day' }, () => new Date('2026-11-23T08:00:00Z'));
    const html = renderReport(data);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|src=|https?:\/\/(?!www\.w3\.org)/i);
    expect(html.match(/<svg /g)).toHaveLength(6);
    for (const title of [
      'Cost per day by model',
      'Latency percentiles per day',
      'Success and fallback rates by node type',
      'Context tokens by section',
      'Cache hits per day',
      'Time to first token per day',
    ]) {
      expect(html).toContain(title);
    }
    // cost-per-day bars carry the exact values in their tooltips (USD)
    expect(html).toContain('11-21 · claude-b: $0.01');
    expect(html).toContain('11-20 · gpt-a: $0');
    expect(html).toMatch(/<b>5<\/b><span>generations<\/span>/);
    expect(html).toMatch(/<b>300 ms \/ 880 ms<\/b>/);
  });

  test('HTML report escapes names it did not choose', async () => {
    const data = await collectReportData(getStore(), WINDOW);
    data.summary.costPerNode = [{ serviceName: '<img src=x onerror=alert(1)>', nodeType: 'effect', count: 1, costMicroUsd: 1 }];
    const html = renderReport(data);
    expect(html).not.toContain('<img');
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;');
  });

  test('text report: aligned tables with the same numbers', async () => {
    const text = renderTextReport(await collectReportData(getStore(), WINDOW));
    expect(text).toMatch(/^generations\s+5$/m);
    expect(text).toMatch(/^latency p50 \/ p95 \/ p99\s+300 ms \/ 880 ms \/ 976 ms$/m);
    expect(text).toMatch(/^cache hit rate\s+16\.7%$/m);
    expect(text).toMatch(/^compute\s+2\s+\$0\.01\s+350 ms\s+395 ms\s+399 ms\s+50\.0%\s+50\.0%$/m);
    expect(text).toMatch(/^patterns\s+1,400$/m);
  });

  test('an empty window renders placeholders, not broken charts', async () => {
    const data = await collectReportData(getStore(), { since: new Date('2030-01-01T00:00:00Z') });
    const html = renderReport(data);
    expect(html.match(/no data in this window|no context builds in this window/g)).toHaveLength(6);
    expect(html).not.toMatch(/NaN|Infinity|undefined/);
    expect(renderTextReport(data)).toMatch(/^generations\s+0$/m);
  });
}
