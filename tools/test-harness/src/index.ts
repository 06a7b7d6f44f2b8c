/**
 * Helpers for tests across the workspace. The PostgreSQL server itself is started by
 * global-setup.cjs (jest) or run-tests.mjs (npm test); tests only read its URL.
 */
export function testDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error(
      'DATABASE_URL is not set: integration tests (*.int.test.ts) need the harness server. ' +
        'Run them through jest with the workspace preset (its globalSetup starts one) or set DATABASE_URL.',
    );
  }
  return url;
}

/** A schema name unique to one test file, so files sharing one server never see each other's tables. */
export function uniqueSchemaName(prefix: string): string {
  return `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`.replace(/[^a-z0-9_]/gi, '_').toLowerCase();
}

export { startOtlpReceiver } from './otlp-receiver.js';
export type { OtlpReceiver, ReceivedSpan } from './otlp-receiver.js';
