// JSON report: {"results":[{file, syntaxValid, passed, score, issues:[...], code?}], "summary":{files, passed, failed}}
// (field names fixed by the issue; breakdown, stats, warnings, errors are additions).
import { type Report, summarize } from './report.js';

export function formatJson(report: Report): string {
  const results = report.files.map((f) => ({
    file: f.file,
    syntaxValid: f.result.syntaxValid,
    passed: f.result.passed,
    score: f.result.score,
    issues: f.result.issues.map((i) => ({
      ruleId: i.ruleId,
      category: i.category,
      severity: i.severity,
      message: i.message,
      line: i.line,
      column: i.column,
      ...(i.endLine !== undefined ? { endLine: i.endLine, endColumn: i.endColumn } : {}),
      ...(i.bandit ? { bandit: i.bandit } : {}),
      ...(i.cwe ? { cwe: i.cwe } : {}),
    })),
    ...(f.code !== undefined ? { code: f.code } : {}),
    ...(f.warnings?.length ? { warnings: f.warnings } : {}),
    ...(f.requiredImports?.length ? { requiredImports: f.requiredImports } : {}),
    breakdown: f.result.breakdown,
    stats: f.result.stats,
  }));
  return `${JSON.stringify({ results, summary: summarize(report), errors: report.errors }, null, 2)}\n`;
}
