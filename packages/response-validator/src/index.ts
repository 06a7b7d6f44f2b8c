// Public entry of @onexgen/response-validator. Filled by its issue; the types are the contract.
export type * from './parser/types.js';
// --- parser ---
export { loadPythonParser, parsePython } from './parser/load-parser.js';
export { TreeSitterPythonParser } from './parser/tree-sitter-python-parser.js';
export { PythonParserError, type ParserErrorCode } from './parser/errors.js';
// --- end parser ---
export type * from './validation/types.js';
export const PACKAGE_NAME = '@onexgen/response-validator';
