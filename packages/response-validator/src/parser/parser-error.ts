// Typed errors of the parser capability: a code, a message for a person, and the cause.

export type ParserErrorCode = 'PARSER_LOAD_FAILED' | 'PARSER_FAILED' | 'INVALID_SOURCE' | 'INVALID_OPTIONS' | 'SOURCE_TOO_LARGE';

export class PythonParserError extends Error {
  readonly code: ParserErrorCode;

  constructor(code: ParserErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PythonParserError';
    this.code = code;
  }
}
