// The validation result shape consumers rely on (fallback-strategies, pattern-library, orchestrator).
// The implementation exports zod schemas describing exactly these shapes.

import type { IssueCategory, NodeType, Severity } from '@onexgen/onex';
import type { ParsedFragment } from '../parser/types.js';

/** The rule category an issue belongs to (@onexgen/onex's IssueCategory). */
export type Category = IssueCategory;

export interface ValidationIssue {
  /** stable id, e.g. 'syntax/invalid', 'onex/unknown-error-code', 'security/sql-injection' */
  ruleId: string;
  category: Category;
  severity: Severity;
  /** says what to change */
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** Bandit id / CWE for security rules */
  bandit?: string;
  cwe?: string;
}

export interface ValidationContext {
  /** the code is a method body (indented or not): wrapped for parsing, lines mapped back */
  fragment?: boolean;
  nodeType?: NodeType;
  methodName?: string;
  /** whether the method the body belongs to is async (default true for fragments) */
  isAsync?: boolean;
  /** pattern ids/names the code is expected to use, e.g. ['connection_pooling', 'transaction_management'] */
  expectedPatterns?: string[];
  /** template variant, e.g. 'DATABASE_HEAVY' */
  variant?: string;
  /**
   * patterns the code must use (e.g. what the selected variant requires of this method): a missing
   * one is an error (`pattern/missing-expected`), not a warning, so the generation is re-asked
   */
  requiredPatterns?: string[];
  /** the node file's import statements (source text), so names they bind count as defined */
  fileImports?: string[];
  /** names the enclosing method/class makes available (parameters, attributes) */
  knownNames?: string[];
  /** the stub's return annotation (e.g. 'dict[str, Any]'): a fragment must return a value on every path */
  returnAnnotation?: string;
  /** the code was written by a model (default: true for fragments): names nothing binds are errors */
  generated?: boolean;
  /** 1-based attempt number, for rules or reports that care */
  attempt?: number;
}

export interface ScoreBreakdown {
  syntax: number;
  compliance: number;
  security: number;
  quality: number;
  pattern: number;
}

export interface ValidationResult {
  syntaxValid: boolean;
  passed: boolean;
  /** 0..1 */
  score: number;
  breakdown: ScoreBreakdown;
  issues: ValidationIssue[];
  stats: { lines: number; functions: number; maxComplexity: number; durationMs: number };
}

export type ExtractionMethod =
  | 'fenced'
  | 'fenced-multiple-merged'
  | 'fenced-multiple-chosen'
  | 'unterminated-fence'
  | 'raw'
  | 'empty';

export interface ExtractionResult {
  code: string;
  method: ExtractionMethod;
  /** 'class' or 'function' when a whole definition was reduced to the body */
  reducedFrom?: 'class' | 'function';
  /** import statements the model added, as written (moved out of `code`; same order as requiredImports) */
  imports: string[];
  /** the same imports as data: the file's import block must hold them; validateResponse counts their names as bound */
  requiredImports: RequiredImport[];
  warnings: string[];
}

/** An import the extracted body relies on, to merge into the node file's import block. */
export interface RequiredImport {
  /** the statement as written, e.g. 'from os import path as p' */
  statement: string;
  kind: 'import' | 'from';
  /** 'os.path', or '.models' for a relative import */
  module: string;
  names: { name: string; alias?: string }[];
  /** the names the statement binds in the file, e.g. ['p'] */
  binds: string[];
}

export interface Validator {
  readonly profile: string;
  validate(code: string, context?: ValidationContext): ValidationResult;
  validateResponse(answer: string, context?: ValidationContext): ValidationResult & { extraction: ExtractionResult; code: string };
  /**
   * The method body a validateResponse() result holds (its `code`), as that validation parsed it
   * when it parsed as a fragment — for the caller that lays the body out next (node-source's
   * injection), so the same text is not parsed again. Undefined for any other object (a copy of the
   * result included) or a body that did not parse.
   */
  parsedBody?(result: ValidationResult): ParsedFragment | undefined;
}
