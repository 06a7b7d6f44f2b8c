// The report the three output formats read (format.ts dispatches; json/text/sarif render), kept
// apart from the dispatcher so the formatters do not import the module that imports them.
import type { ValidationResult } from '../validation/validation-types.js';

export type ReportFormat = 'text' | 'json' | 'sarif';

export interface FileReport {
  /** path as given (or '-' / 'stdin') */
  file: string;
  result: ValidationResult;
  /** the extracted code (inputs read as raw LLM answers) */
  code?: string;
  /** extraction warnings (inputs read as raw LLM answers) */
  warnings?: string[];
  /** import statements the answer added, which the file's import block needs (raw LLM answers) */
  requiredImports?: string[];
}

export interface InputError {
  file: string;
  code: string;
  message: string;
}

export interface Report {
  files: FileReport[];
  errors: InputError[];
}

export function summarize(report: Report): { files: number; passed: number; failed: number; errors: number } {
  const passed = report.files.filter((f) => f.result.passed).length;
  return { files: report.files.length, passed, failed: report.files.length - passed, errors: report.errors.length };
}
