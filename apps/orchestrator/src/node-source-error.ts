// node-source's refusals as the app's errors, apart from errors.ts so that loading the error types
// (every command does, at start-up) does not load @onexgen/node-source and its parser.
import { NodeSourceError } from '@onexgen/node-source';
import { OnexgenError } from './errors.js';

/** A node-source refusal as the app's error (same code, exit 2); anything else unchanged. */
export function fromNodeSource(err: unknown): unknown {
  return err instanceof NodeSourceError ? new OnexgenError(err.code, err.message, { cause: err, ...(err.path ? { where: err.path } : {}) }) : err;
}
