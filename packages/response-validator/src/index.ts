// Public entry of @onexgen/response-validator. Filled by its issue; the types are the contract.
export type * from './parser/types.js';
// --- parser ---
export {
  getLoadedPythonParser,
  loadPythonParser,
  parseFragment,
  fragmentBody,
  parsePython,
  PythonParserError,
  type ParserErrorCode,
} from './parser/index.js';
export type { SyntaxNode, SyntaxTree, Point } from './parser/mirror/syntax-node.js';
// --- end parser ---
export type * from './validation/validation-types.js';
// --- validation ---
export { createValidator, type ValidatorOptions } from './validation/validator.js';
export { startValidatorThread, stopIdleValidatorThreads, type ValidatorThread, type ThreadedValidator, type ValidatorThreadOptions } from './thread/validator-thread-client.js';
export type { ThreadOperations } from './thread/protocol.js';
export { packFragment, unpackFragment, type TravellingFragment } from './thread/travelling-fragment.js';
export { extractCode, type ExtractOptions } from './extraction/extract-code.js';
export {
  ValidationIssueSchema,
  ValidationContextSchema,
  ScoreBreakdownSchema,
  ValidationResultSchema,
  ExtractionMethodSchema,
  ExtractionResultSchema,
  RequiredImportSchema,
  ResponseValidationResultSchema,
} from './validation/schemas.js';
export { loadProfile, BUILT_IN_PROFILES } from './profiles/load-profile.js';
export { ProfileSchema, type ProfileInput, type ResolvedProfile } from './profiles/schema.js';
export { describeRules, type RuleDescription } from './rules/registry.js';
export { formatReport, type FormatOptions } from './report/format.js';
export { runValidateCli, type ValidateCliIo } from './cli/run-cli.js';
export type { ReportFormat, FileReport, Report } from './report/report.js';
export { ValidatorError, type ValidatorErrorCode } from './errors.js';
export { DATA_DIR } from './data-dir.js';
// --- end validation ---
export const PACKAGE_NAME = '@onexgen/response-validator';
