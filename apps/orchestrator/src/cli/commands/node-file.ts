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

/** A node file's facts if it is valid Python, else NODE_FILE_INVALID naming the first error's line. */
export function validNodeFile<T extends { syntaxValid: boolean; firstError?: { line: number; message: string } }>(file: string, source: NodeSource, facts: T): T {
  if (!facts.syntaxValid) {
    const e = facts.firstError;
    throw new OnexgenError('NODE_FILE_INVALID', `${file}:${e?.line ?? '?'}: not valid Python: ${e?.message ?? 'syntax error'}`, { where: source.path });
  }
  return facts;
}

export function maxBytesOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new OnexgenError('USAGE', `--max-file-bytes: must be a positive integer, got "${value}"`);
  return n;
}
