// Typed errors of the validation side: a code, a message for a person, and the cause.

export type ValidatorErrorCode =
  | 'PROFILE_NOT_FOUND'
  | 'PROFILE_INVALID'
  | 'CONTEXT_INVALID'
  | 'INPUT_UNREADABLE'
  | 'INPUT_BINARY'
  | 'INPUT_EMPTY'
  | 'INPUT_TOO_LARGE'
  | 'API_INDEX_INVALID'
  | 'THREAD_FAILED'
  | 'USAGE';

export class ValidatorError extends Error {
  readonly code: ValidatorErrorCode;

  constructor(code: ValidatorErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ValidatorError';
    this.code = code;
  }
}
