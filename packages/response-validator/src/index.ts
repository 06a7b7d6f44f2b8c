// Public entry of @onexgen/response-validator. Filled by its issue; the types are the contract.
export type * from './parser/types.js';
// --- parser ---
export {
  getLoadedPythonParser,
  loadPythonParser,
  parseFragment,
  parsePython,
  PythonParserError,
  TreeSitterPythonParser,
  type ParserErrorCode,
} from './parser/index.js';
// --- end parser ---
export type * from './validation/types.js';
export const PACKAGE_NAME = '@onexgen/response-validator';
