// Typed errors: a stable code for programs, a message for people, and the cause for debugging.

export type SandboxErrorCode = 'INVALID_OPTIONS' | 'INVALID_RUN' | 'CLOSED' | 'WORKER_FAILED';

export class SandboxError extends Error {
  readonly code: SandboxErrorCode;

  constructor(code: SandboxErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SandboxError';
    this.code = code;
  }
}
