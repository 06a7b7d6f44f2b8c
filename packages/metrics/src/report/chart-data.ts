// Shapes the report data into the series each chart draws (shared by nothing else, kept apart so
// html-report.ts is only layout).
import type { ReportData } from './report-data.js';
import type { Series } from './charts.js';
import { bucketLabel } from './format.js';

export function costPerDayByModel(data: ReportData): { days: string[]; series: Series[] } {
  const points = data.dailyByModel.generations;
  const days = [...new Set(points.map((p) => p.bucketStart.getTime()))].sort((a, b) => a - b);
  const models = [...new Set(points.map((p) => p.key ?? '(none)'))].sort();
  const series = models.map((model) => ({
    name: model,
    values: days.map((day) => {
      const point = points.find((p) => p.bucketStart.getTime() === day && (p.key ?? '(none)') === model);
      return point ? point.costMicroUsd / 1_000_000 : 0;
    }),
  }));
  return { days: days.map((d) => bucketLabel(new Date(d), 'day')), series };
}

export function latencyOverTime(data: ReportData): { labels: string[]; series: Series[] } {
  const points = data.overTime.generations;
  return {
    labels: points.map((p) => bucketLabel(p.bucketStart, data.bucket)),
    series: [
      { name: 'p50', values: points.map((p) => p.latencyMs.p50) },
      { name: 'p95', values: points.map((p) => p.latencyMs.p95) },
      { name: 'p99', values: points.map((p) => p.latencyMs.p99) },
    ],
  };
}

export function ratesByNodeType(data: ReportData): { nodeTypes: string[]; series: Series[] } {
  const groups = data.summary.groups;
  return {
    nodeTypes: groups.map((g) => g.key.nodeType ?? '(none)'),
    series: [
      { name: 'passed', values: groups.map((g) => g.generations.rates.validationPassed) },
      { name: 'syntax valid', values: groups.map((g) => g.generations.rates.syntaxValid) },
      { name: 'fallback', values: groups.map((g) => g.generations.rates.fallback) },
    ],
  };
}

export function cacheHitsOverTime(data: ReportData): { labels: string[]; series: Series[] } {
  const points = data.overTime.attempts;
  return {
    labels: points.map((p) => bucketLabel(p.bucketStart, data.bucket)),
    series: [
      { name: 'cache hits', values: points.map((p) => p.cacheHits) },
      { name: 'provider calls', values: points.map((p) => p.count - p.cacheHits) },
    ],
  };
}

export function tokensBySection(data: ReportData): { label: string; value: number }[] {
  return Object.entries(data.summary.contextBuilds.tokensBySection).map(([label, value]) => ({ label, value }));
}

export function timeToFirstTokenOverTime(data: ReportData): { labels: string[]; series: Series[] } {
  const points = data.overTime.attempts;
  return {
    labels: points.map((p) => bucketLabel(p.bucketStart, data.bucket)),
    series: [
      { name: 'p50', values: points.map((p) => p.timeToFirstTokenMs.p50) },
      { name: 'p95', values: points.map((p) => p.timeToFirstTokenMs.p95) },
    ],
  };
}
