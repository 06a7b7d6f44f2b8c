// renderTextReport(): the same numbers as plain-text tables for a terminal (`onexgen metrics`).
import { count, ms, pct, usd } from './format.js';
import type { ReportData } from './report-data.js';

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function renderTextReport(data: ReportData): string {
  const s = data.summary;
  const g = s.generations;
  const window = `${data.since ? data.since.toISOString() : 'beginning'} .. ${data.until ? data.until.toISOString() : 'now'}`;
  const out: string[] = [`onexgen metrics  ${window}`, ''];
  out.push(
    table(
      ['total', 'value'],
      [
        ['generations', count(g.count)],
        ['cost', usd(g.costMicroUsd)],
        ['tokens in / out', `${count(g.tokens.input)} / ${count(g.tokens.output)}`],
        ['latency p50 / p95 / p99', `${ms(g.latencyMs.p50)} / ${ms(g.latencyMs.p95)} / ${ms(g.latencyMs.p99)}`],
        ['syntax valid', pct(g.rates.syntaxValid)],
        ['ONEX compliant', pct(g.rates.onexCompliant)],
        ['validation passed', pct(g.rates.validationPassed)],
        ['fallback rate', pct(g.rates.fallback)],
        ['provider attempts (ok)', `${count(s.attempts.count)} (${pct(s.attempts.successRate)})`],
        ['cache hit rate', pct(s.attempts.cacheHitRate)],
        ['time to first token p50 / p95', `${ms(s.attempts.timeToFirstTokenMs.p50)} / ${ms(s.attempts.timeToFirstTokenMs.p95)}`],
        ['context builds (truncated)', `${count(s.contextBuilds.count)} (${count(s.contextBuilds.truncatedBuilds)})`],
      ],
    ),
  );
  if (s.groups.length > 0) {
    out.push('', 'by node type');
    out.push(
      table(
        ['node type', 'gens', 'cost', 'p50', 'p95', 'p99', 'passed', 'fallback'],
        s.groups.map((grp) => {
          const x = grp.generations;
          return [grp.key.nodeType ?? '(none)', count(x.count), usd(x.costMicroUsd), ms(x.latencyMs.p50), ms(x.latencyMs.p95), ms(x.latencyMs.p99), pct(x.rates.validationPassed), pct(x.rates.fallback)];
        }),
      ),
    );
  }
  if (s.costPerNode.length > 0) {
    out.push('', 'cost per node');
    out.push(table(['service', 'node type', 'gens', 'cost'], s.costPerNode.map((n) => [n.serviceName, n.nodeType, count(n.count), usd(n.costMicroUsd)])));
  }
  if (s.fallbacks.byStrategy.length > 0) {
    out.push('', 'fallback decisions');
    out.push(table(['strategy', 'events', 'succeeded'], s.fallbacks.byStrategy.map((f) => [f.strategy, count(f.count), pct(f.successRate)])));
  }
  const sections = Object.entries(s.contextBuilds.tokensBySection);
  if (sections.length > 0) {
    out.push('', 'context tokens by section');
    out.push(table(['section', 'tokens'], sections.map(([name, tokens]) => [name, count(tokens)])));
  }
  return `${out.join('\n')}\n`;
}
