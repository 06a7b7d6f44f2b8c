// Typed errors of node-source: a code a caller can branch on, a message for a person, the cause.

export type NodeSourceErrorCode =
  /** the file cannot be read, or is not valid Python in its declared encoding */
  | 'NODE_FILE_INVALID'
  /** larger than the configured node file size limit */
  | 'NODE_FILE_TOO_LARGE'
  /** an encoding this package cannot write back byte for byte */
  | 'ENCODING_UNSUPPORTED'
  /** generated text holds a character the file's encoding cannot represent */
  | 'ENCODING_UNREPRESENTABLE'
  /** the bodies could not be injected (overlap, or the result does not parse) */
  | 'INJECTION_FAILED'
  /** the file changed on disk since it was read: nothing written */
  | 'FILE_CHANGED'
  /** the file cannot be replaced safely (hard links, an owner the process cannot give back) */
  | 'WRITE_REFUSED'
  /** git reports uncommitted changes in the file (pass force to write anyway) */
  | 'FILE_UNCOMMITTED'
  /** a backup cannot be restored (missing run, or the file changed since the run wrote it) */
  | 'UNDO_REFUSED';

export class NodeSourceError extends Error {
  readonly code: NodeSourceErrorCode;
  /** the file the error is about */
  readonly path?: string;

  constructor(code: NodeSourceErrorCode, message: string, options?: { cause?: unknown; path?: string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'NodeSourceError';
    this.code = code;
    this.path = options?.path;
  }
}
