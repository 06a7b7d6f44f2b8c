// The eval table as plain text (a terminal, a CI log).
import type { EvalSummary } from '../run/summarize.js';
import { ARM_HEAD, armCells, intervalNote } from './cells.js';
import { table } from './table.js';

export interface ReportHeader {
  title: string;
  /** e.g. the suite, run id, date */
  lines: string[];
}

export function renderEvalText(summary: EvalSummary, header: ReportHeader): string {
  const out = [header.title, ...header.lines, '', table(ARM_HEAD, summary.arms.map(armCells)), '', intervalNote(summary.arms, summary.confidence)];
  const unchecked = summary.arms.filter((a) => a.unchecked > 0);
  for (const a of unchecked) out.push(`warning: ${a.arm}: ${a.unchecked} sample(s) ran no example (no Python) and count as not passing`);
  out.push('', summary.comparisons.length ? `Comparison (pass@1, alpha ${summary.alpha}):` : 'Comparison: one arm only, nothing to compare.');
  for (const c of summary.comparisons) out.push(`  ${c.a}  vs  ${c.b}: ${c.verdict}`);
  return `${out.join('\n')}\n`;
}
