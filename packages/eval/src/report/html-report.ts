// The eval as one self-contained HTML page in the metrics report's style (its stylesheet).
import { escapeHtml, REPORT_STYLE } from '@onexgen/metrics';
import type { EvalSummary } from '../run/summarize.js';
import { ARM_HEAD, armCells, intervalNote } from './cells.js';
import type { ReportHeader } from './text-report.js';

function table(head: string[], rows: string[][]): string {
  const th = head.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('');
  return `<table><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}

export function renderEvalHtml(summary: EvalSummary, header: ReportHeader): string {
  const tiles = summary.arms
    .map((a) => `<div class="tile"><b>${escapeHtml(`${(a.passAt1.value * 100).toFixed(1)}%`)}</b><span>pass@1 · ${escapeHtml(a.arm)}</span></div>`)
    .join('');
  const comparisons = summary.comparisons.length
    ? table(['arm A', 'arm B', 'verdict', 'p (adjusted)', 'test'], summary.comparisons.map((c) => [c.a, c.b, c.verdict, c.adjustedP.toFixed(3), c.test]))
    : '<p class="sub">one arm only, nothing to compare</p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(header.title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${REPORT_STYLE}</style></head>
<body>
<h1>${escapeHtml(header.title)}</h1>
<p class="sub">${header.lines.map(escapeHtml).join(' · ')}</p>
<div class="tiles">${tiles}</div>
<h2>By strategy and model</h2>
${table(ARM_HEAD, summary.arms.map(armCells))}
<p class="sub">${escapeHtml(intervalNote(summary.arms, summary.confidence))}</p>
<h2>Comparison (pass@1, alpha ${summary.alpha})</h2>
${comparisons}
</body></html>
`;
}
