// Writes new text over a node file that readNodeSource read: encoded in the file's own encoding (with
// its BOM), through a symlink to its target, with its mode and owner, atomically — and only if the file
// still holds the bytes that were read (another editor's change is never overwritten). A backup of the
// original goes to the run's BackupRun first.
import { readFile, stat } from 'node:fs/promises';
import { NodeSourceError } from '../errors.js';
import type { BackupRun } from '../history/backups.js';
import { writeFileAtomic } from './atomic-write.js';
import { encode } from './codecs.js';
import type { NodeSource } from './read-node-source.js';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export interface WriteNodeSourceOptions {
  /** keep a copy of the original for `undoRun` */
  backup?: BackupRun;
}

export interface WriteNodeSourceResult {
  /** false when the new text equals the file (nothing to write) */
  written: boolean;
  /** the file written (symlinks resolved) */
  target: string;
  /** where the original was saved */
  backupPath?: string;
}

/** The bytes `text` becomes in the file's encoding (BOM included): every unchanged character keeps its bytes. */
export function encodeNodeSource(source: NodeSource, text: string): Buffer {
  const body = encode(source.encoding, text, source.path);
  return source.bom ? Buffer.concat([BOM, body]) : body;
}

export async function writeNodeSource(source: NodeSource, text: string, options: WriteNodeSourceOptions = {}): Promise<WriteNodeSourceResult> {
  const bytes = encodeNodeSource(source, text);
  if (bytes.equals(source.bytes)) return { written: false, target: source.target };
  const current = await readFile(source.target).catch(() => undefined);
  if (!current || !current.equals(source.bytes)) {
    throw new NodeSourceError('FILE_CHANGED', `${source.path}: the file changed on disk since it was read; nothing written`, { path: source.path });
  }
  const now = await stat(source.target);
  if (now.nlink > 1) {
    // replacing the file by rename would split it from its other names
    throw new NodeSourceError('WRITE_REFUSED', `${source.path}: the file has ${now.nlink} hard links; a safe replace would break them; nothing written`, { path: source.path });
  }
  const backupPath = options.backup ? await options.backup.save(source, bytes) : undefined;
  await writeFileAtomic(source.target, bytes, { mode: source.mode, owner: { uid: source.uid, gid: source.gid } });
  return { written: true, target: source.target, ...(backupPath ? { backupPath } : {}) };
}
