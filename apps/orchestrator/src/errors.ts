// Typed errors of the app: a code, a message for a person, the cause, and the exit code the CLI uses.
// types only: this module loads with `--help`, @onexgen/node-source only when a command uses it
import type { NodeSourceErrorCode } from '@onexgen/node-source';

/** 2 usage/input error, 3 provider/budget failure (1 = some methods fell back is not an error). */
export type ExitCode = 2 | 3;

export type OnexgenErrorCode =
  | 'SPEC_INVALID'
  | 'SPEC_NOT_FOUND'
  | 'NODE_FILE_INVALID'
  | 'CONFIG_INVALID'
  | 'USAGE'
  | 'TEMPLATE_RENDER_FAILED'
  | 'INJECTION_FAILED'
  | NodeSourceErrorCode
  | 'PROVIDER_FAILED'
  | 'BUDGET_EXHAUSTED'
  | 'DATABASE_FAILED'
  | 'INTERRUPTED';

const EXIT_CODES: Record<OnexgenErrorCode, ExitCode> = {
  SPEC_INVALID: 2,
  SPEC_NOT_FOUND: 2,
  NODE_FILE_INVALID: 2,
  CONFIG_INVALID: 2,
  USAGE: 2,
  TEMPLATE_RENDER_FAILED: 2,
  INJECTION_FAILED: 2,
  // a node file refused or left alone (size, encoding, changed meanwhile, uncommitted, undo): nothing written
  NODE_FILE_TOO_LARGE: 2,
  ENCODING_UNSUPPORTED: 2,
  ENCODING_UNREPRESENTABLE: 2,
  FILE_CHANGED: 2,
  FILE_UNCOMMITTED: 2,
  WRITE_REFUSED: 2,
  UNDO_REFUSED: 2,
  PROVIDER_FAILED: 3,
  BUDGET_EXHAUSTED: 3,
  DATABASE_FAILED: 3,
  // the run did not finish: like a provider failure, nothing of the unfinished nodes was written
  INTERRUPTED: 3,
};

export class OnexgenError extends Error {
  readonly code: OnexgenErrorCode;
  readonly exitCode: ExitCode;
  /** file or field the error is about, e.g. 'examples/bad.yaml: operations[1].name' */
  readonly where?: string;

  constructor(code: OnexgenErrorCode, message: string, options?: { cause?: unknown; where?: string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'OnexgenError';
    this.code = code;
    this.exitCode = EXIT_CODES[code];
    this.where = options?.where;
  }
}
