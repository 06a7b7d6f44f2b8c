// Reading and parsing a node file a command was given, through node-source (byte-exact: encoding,
// BOM, mode); errors name the file (and the line). Loaded only by the commands that run.
import { readNodeSource, type NodeSource } from '@onexgen/node-source';
import { OnexgenError } from '@onexgen/pipeline/errors';
import { fromNodeSource } from '../../node-source-error.js';

/** Reads a node file byte-exactly (encoding, BOM, mode); a file it cannot round-trip is refused (exit 2). */
export async function readNodeFile(file: string, maxBytes?: number): Promise<NodeSource> {
  try {
    return await readNodeSource(file, maxBytes === undefined ? {} : { maxBytes });
  } catch (err) {
    throw fromNodeSource(err);
  }
}

export function maxBytesOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new OnexgenError('USAGE', `--max-file-bytes: must be a positive integer, got "${value}"`);
  return n;
}
