// The dispatcher: one report, three output formats.
import { formatJson } from './json.js';
import type { Report, ReportFormat } from './report.js';
import { formatSarif } from './sarif.js';
import { formatText } from './text.js';

export interface FormatOptions {
  /** the directory SARIF's artifact URIs are relative to (default: the process's working directory) */
  cwd?: string;
}

export function formatReport(report: Report, format: ReportFormat, options: FormatOptions = {}): string {
  switch (format) {
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report, options.cwd);
    default:
      return formatText(report);
  }
}
