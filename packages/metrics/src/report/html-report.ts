// renderReport(): one self-contained HTML file — inline CSS and inline SVG charts, no script, no
// network — so it can be mailed, archived or opened offline.
import { groupedBars, horizontalBars, lineChart, stackedBars } from './charts.js';
import {
  cacheHitsOverTime,
  costPerDayByModel,
  latencyOverTime,
  ratesByNodeType,
  timeToFirstTokenOverTime,
  tokensBySection,
} from './chart-data.js';
import { count, escapeHtml, ms, pct, usd } from './format.js';
import type { AcceptanceRow } from '../query/generations.js';
import type { ReportData } from './report-data.js';

/** The report's stylesheet: other reports (eval) use it so every onexgen page looks alike. */
export const REPORT_STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#111827;margin:24px;background:#f9fafb}
h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:28px 0 8px}.sub{color:#6b7280;margin:0 0 16px}
.tiles{display:flex;flex-wrap:wrap;gap:12px}.tile{background:#fff;border:1px solid #e5e7eb;border-radius:8px;padding:10px 14px;min-width:150px}
.tile b{display:block;font-size:20px}.tile span{color:#6b7280;font-size:12px}
.charts{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:16px;margin-top:16px}
figure{margin:0;background:#fff;border:1px solid #e5e7eb;border-radius:8px;padding:10px}figcaption{font-weight:600;margin-bottom:4px}
svg{max-width:100%;height:auto}.tick{font-size:11px;fill:#4b5563}.legend{font-size:11px;fill:#111827}.empty{font-size:13px;fill:#9ca3af}
table{border-collapse:collapse;background:#fff;border:1px solid #e5e7eb;margin-top:4px}th,td{padding:4px 10px;border-bottom:1px solid #f3f4f6;text-align:right}
th:first-child,td:first-child{text-align:left}th{background:#f3f4f6;font-weight:600}`;

export function renderReport(data: ReportData): string {
  const s = data.summary;
  const g = s.generations;
  const window = `${data.since ? data.since.toISOString() : 'the beginning'} → ${data.until ? data.until.toISOString() : 'now'}`;
  const tiles = [
    ['generations', count(g.count)],
    ['cost', usd(g.costMicroUsd)],
    ['latency p50 / p95', `${ms(g.latencyMs.p50)} / ${ms(g.latencyMs.p95)}`],
    ['validation passed', pct(g.rates.validationPassed)],
    ['fallback rate', pct(g.rates.fallback)],
    ['provider attempts', count(s.attempts.count)],
    ['cache hit rate', pct(s.attempts.cacheHitRate)],
    ['time to first token p50', ms(s.attempts.timeToFirstTokenMs.p50)],
  ]
    .map(([label, value]) => `<div class="tile"><b>${escapeHtml(value!)}</b><span>${escapeHtml(label!)}</span></div>`)
    .join('');

  const cost = costPerDayByModel(data);
  const latency = latencyOverTime(data);
  const rates = ratesByNodeType(data);
  const cache = cacheHitsOverTime(data);
  const ttft = timeToFirstTokenOverTime(data);
  const charts = [
    stackedBars('Cost per day by model (USD)', cost.days, cost.series, { yFormat: (v) => `$${+v.toFixed(2)}` }),
    lineChart(`Latency percentiles per ${data.bucket} (ms)`, latency.labels, latency.series),
    groupedBars('Success and fallback rates by node type', rates.nodeTypes, rates.series, {
      yMax: 1,
      yFormat: (v) => `${Math.round(v * 100)}%`,
    }),
    horizontalBars('Context tokens by section', tokensBySection(data)),
    stackedBars(`Cache hits per ${data.bucket}`, cache.labels, cache.series),
    lineChart(`Time to first token per ${data.bucket} (ms)`, ttft.labels, ttft.series),
  ].join('');

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>onexgen metrics</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${REPORT_STYLE}</style></head>
<body>
<h1>onexgen metrics</h1>
<p class="sub">${escapeHtml(window)} · generated ${escapeHtml(data.generatedAt.toISOString())}</p>
<div class="tiles">${tiles}</div>
<div class="charts">${charts}</div>
${tables(data)}
</body></html>
`;
}

function table(head: string[], rows: string[][]): string {
  if (rows.length === 0) return '<p class="sub">none in this window</p>';
  const th = head.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('');
  return `<table><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}

function tables(data: ReportData): string {
  const s = data.summary;
  const byNode = s.groups.map((grp) => {
    const x = grp.generations;
    return [grp.key.nodeType ?? '(none)', count(x.count), usd(x.costMicroUsd), ms(x.latencyMs.p50), ms(x.latencyMs.p95), ms(x.latencyMs.p99), pct(x.rates.syntaxValid), pct(x.rates.onexCompliant), pct(x.rates.validationPassed), pct(x.rates.fallback)];
  });
  return [
    '<h2>By node type</h2>',
    table(['node type', 'generations', 'cost', 'p50', 'p95', 'p99', 'syntax valid', 'ONEX compliant', 'passed', 'fallback'], byNode),
    '<h2>Cost per node</h2>',
    table(['service', 'node type', 'generations', 'cost'], s.costPerNode.map((n) => [n.serviceName, n.nodeType, count(n.count), usd(n.costMicroUsd)])),
    '<h2>How code was produced</h2>',
    table(['strategy', 'generations', 'share'], s.strategies.map((x) => [x.strategy, count(x.count), pct(x.rate)])),
    '<h2>Fallback decisions</h2>',
    table(['strategy', 'events', 'succeeded', 'per generation'], s.fallbacks.byStrategy.map((f) => [f.strategy, count(f.count), pct(f.successRate), pct(f.perGeneration)])),
    '<h2>Acceptance by node type</h2>',
    acceptanceTable('node type', data.acceptance.byNodeType),
    '<h2>Acceptance by model</h2>',
    acceptanceTable('model', data.acceptance.byModel),
    '<h2>Spend per budget pool</h2>',
    table(
      ['pool', 'period', 'spent', 'limit (set in the database)', 'share'],
      data.pools.map((p) => [p.pool, p.period, usd(p.spentMicroUsd), p.limitMicroUsd === null ? '–' : usd(p.limitMicroUsd), p.limitMicroUsd ? pct(p.spentMicroUsd / p.limitMicroUsd) : '–']),
    ),
  ].join('\n');
}

/** What people said of the generations they judged (`onexgen feedback ID accept|edited|reject`). */
function acceptanceTable(label: string, rows: AcceptanceRow[]): string {
  return table(
    [label, 'judged', 'accepted', 'accepted after edits', 'rejected', 'acceptance rate'],
    rows.map((r) => [r.key, count(r.judged), count(r.accepted), count(r.edited), count(r.rejected), pct(r.acceptanceRate)]),
  );
}
