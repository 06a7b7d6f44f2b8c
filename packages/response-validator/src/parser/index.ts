// The parser capability's public surface (re-exported by the package entry).
export type * from './types.js';
export { getLoadedPythonParser, loadPythonParser, parseFragment, parsePython } from './load-parser.js';
export { fragmentBody } from './fragment-body.js';
export { PythonParserError, type ParserErrorCode } from './parser-error.js';
