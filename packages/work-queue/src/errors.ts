// Typed errors of the work queue: a code for programs, a message for a person, the cause kept.
export type WorkQueueErrorCode = 'NEEDS_POSTGRES' | 'INVALID_RUN' | 'UNKNOWN_RUN' | 'QUEUE_FAILED';

export class WorkQueueError extends Error {
  constructor(
    readonly code: WorkQueueErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'WorkQueueError';
  }
}
