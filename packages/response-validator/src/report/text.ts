// Terminal report: one `file:line:column: severity [rule] message` line per issue (the form editors
// and terminals turn into links), a verdict line per file, and a summary.
import { type Report, summarize } from './report.js';

export function formatText(report: Report): string {
  const out: string[] = [];
  for (const f of report.files) {
    for (const i of f.result.issues) {
      const refs = [i.bandit && !i.bandit.startsWith('none') ? i.bandit : '', i.cwe ?? ''].filter(Boolean).join(', ');
      out.push(`${f.file}:${i.line}:${i.column}: ${i.severity} [${i.ruleId}] ${i.message}${refs ? ` (${refs})` : ''}`);
    }
    for (const w of f.warnings ?? []) out.push(`${f.file}: note: extraction: ${w}`);
    const b = f.result.breakdown;
    out.push(
      `${f.file}: ${f.result.passed ? 'passed' : 'FAILED'}  score ${f.result.score.toFixed(2)}  ` +
        `(syntax ${b.syntax}, security ${b.security}, compliance ${b.compliance}, quality ${b.quality}, pattern ${b.pattern})`,
    );
  }
  for (const e of report.errors) out.push(`${e.file}: error: ${e.message}`);
  const s = summarize(report);
  out.push(`${s.files} file(s) checked: ${s.passed} passed, ${s.failed} failed${s.errors ? `, ${s.errors} could not be read` : ''}`);
  return `${out.join('\n')}\n`;
}
