// Reads a node file as CPython would (PEP 263 declaration, UTF-8 BOM, UTF-8 default) and keeps what is
// needed to write it back byte for byte: the bytes read, encoding, BOM, line ending, mode, owner and the
// symlink's target. Anything that cannot be round-tripped is refused before any work starts.
import { lstat, open, realpath } from 'node:fs/promises';
import { NodeSourceError } from '../errors.js';
import { decode, encodingOf, type NodeEncoding } from './codecs.js';
import { declaredEncoding } from './coding-declaration.js';

export const DEFAULT_MAX_NODE_FILE_BYTES = 2 * 1024 * 1024;

export interface NodeSource {
  /** the path as given */
  path: string;
  /** the file that is read and written: `path` with symlinks resolved */
  target: string;
  /** `path` is a symlink (writes go through to `target`; the link stays) */
  symlink: boolean;
  /** the decoded text without the BOM; parser offsets index this string */
  text: string;
  /** the bytes read, compared with the file again before writing */
  bytes: Buffer;
  encoding: NodeEncoding;
  /** the encoding name as the coding declaration wrote it, when there is one */
  declared?: string;
  /** the file starts with a UTF-8 byte order mark */
  bom: boolean;
  /** the line ending of the first line break ('\n' for a file without one) */
  newline: '\n' | '\r\n';
  mode: number;
  uid: number;
  gid: number;
}

export interface ReadNodeSourceOptions {
  /** refuse larger files (default 2 MiB) */
  maxBytes?: number;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

function invalid(path: string, message: string, cause?: unknown): NodeSourceError {
  return new NodeSourceError('NODE_FILE_INVALID', `${path}: ${message}`, { path, ...(cause === undefined ? {} : { cause }) });
}

/** Decodes node file bytes (no I/O): the encoding, BOM and line ending, or a NodeSourceError. */
export function decodeNodeSource(path: string, bytes: Buffer): Pick<NodeSource, 'text' | 'encoding' | 'declared' | 'bom' | 'newline'> {
  const bom = bytes.subarray(0, 3).equals(BOM);
  const declared = declaredEncoding(bom ? bytes.subarray(3) : bytes);
  const encoding = declared === undefined ? 'utf-8' : encodingOf(declared);
  if (!encoding) {
    throw new NodeSourceError(
      'ENCODING_UNSUPPORTED',
      `${path}: declared encoding "${declared}" cannot be written back byte for byte (supported: utf-8, ascii, latin-1, cp1252); nothing written`,
      { path },
    );
  }
  if (bom && encoding !== 'utf-8') throw invalid(path, `a UTF-8 byte order mark with a "${declared}" coding declaration (CPython refuses it)`);
  const text = decode(encoding, bom ? bytes.subarray(3) : bytes);
  if (text === undefined) throw invalid(path, `not valid ${declared ?? 'UTF-8'} (declare the encoding with a PEP 263 "# -*- coding: ... -*-" line)`);
  const lf = text.indexOf('\n');
  return { text, encoding, ...(declared === undefined ? {} : { declared }), bom, newline: lf > 0 && text[lf - 1] === '\r' ? '\r\n' : '\n' };
}

export async function readNodeSource(path: string, options: ReadNodeSourceOptions = {}): Promise<NodeSource> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_NODE_FILE_BYTES;
  let target: string;
  let symlink: boolean;
  try {
    symlink = (await lstat(path)).isSymbolicLink();
    target = symlink ? await realpath(path) : path;
  } catch (cause) {
    throw invalid(path, `cannot read the node file (${(cause as Error).message})`, cause);
  }
  const handle = await open(target, 'r').catch((cause: unknown) => {
    throw invalid(path, `cannot read the node file (${(cause as Error).message})`, cause);
  });
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw invalid(path, 'not a regular file');
    // checked before reading: an oversized file is never loaded
    if (stat.size > maxBytes) {
      throw new NodeSourceError(
        'NODE_FILE_TOO_LARGE',
        `${path}: ${stat.size} bytes is over the node file limit of ${maxBytes} bytes (raise it with maxNodeFileBytes); nothing written`,
        { path },
      );
    }
    const bytes = await handle.readFile();
    return { path, target, symlink, bytes, mode: stat.mode & 0o7777, uid: stat.uid, gid: stat.gid, ...decodeNodeSource(path, bytes) };
  } finally {
    await handle.close();
  }
}
