// Typed errors: a stable code for programs, a message for people, and the cause for debugging.

export type MetricsErrorCode =
  | 'DB_CONNECT_FAILED'
  | 'DB_IN_USE'
  | 'DB_URL_INVALID'
  | 'MIGRATIONS_NOT_FOUND'
  | 'MIGRATION_FAILED'
  | 'INVALID_RECORD'
  | 'SPOOL_FULL'
  | 'SPOOL_CORRUPT'
  | 'SPOOL_LOCKED';

export class MetricsError extends Error {
  readonly code: MetricsErrorCode;

  constructor(code: MetricsErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MetricsError';
    this.code = code;
  }
}

/** The database could not be reached; the message names host and cause, never the password. */
export class DatabaseConnectionError extends MetricsError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('DB_CONNECT_FAILED', message, options);
    this.name = 'DatabaseConnectionError';
  }
}

/** A record did not match its schema; `issues` name each offending field. */
export class InvalidRecordError extends MetricsError {
  readonly issues: { path: string; message: string }[];

  constructor(kind: string, issues: { path: string; message: string }[]) {
    const list = issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ');
    super('INVALID_RECORD', `Invalid ${kind} record: ${list}`);
    this.name = 'InvalidRecordError';
    this.issues = issues;
  }
}

/** The spool file reached its size limit: the record was NOT stored anywhere. */
export class SpoolFullError extends MetricsError {
  constructor(path: string, maxBytes: number) {
    super(
      'SPOOL_FULL',
      `Metrics spool ${path} is full (${maxBytes} bytes) and the database is unreachable: the record was dropped. ` +
        'Bring the database back or raise spool.maxBytes.',
    );
    this.name = 'SpoolFullError';
  }
}
