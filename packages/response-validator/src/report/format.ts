// The dispatcher: one report, three output formats.
import { formatJson } from './json.js';
import type { Report, ReportFormat } from './report.js';
import { formatSarif } from './sarif.js';
import { formatText } from './text.js';

export function formatReport(report: Report, format: ReportFormat): string {
  switch (format) {
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report);
    default:
      return formatText(report);
  }
}
