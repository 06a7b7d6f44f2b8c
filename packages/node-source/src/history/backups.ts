// A backup of every file a run changes, under <root>/<run-id>/: the original bytes, plus a manifest
// with where each came from and a hash of what the run wrote. `undoRun` puts the originals back, but
// only over files that still hold exactly what the run wrote: later edits are never overwritten.
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { NodeSourceError } from '../errors.js';
import { writeFileAtomic } from '../file/atomic-write.js';

const ManifestSchema = z.object({
  runId: z.string(),
  files: z.array(
    z.object({
      /** the file written (symlinks resolved), absolute */
      path: z.string(),
      /** the original's copy, relative to the run's folder */
      backup: z.string(),
      /** sha256 of the bytes the run wrote */
      writtenSha256: z.string(),
      mode: z.number().int(),
      uid: z.number().int(),
      gid: z.number().int(),
    }),
  ),
});
export type BackupManifest = z.infer<typeof ManifestSchema>;

const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function runDir(root: string, runId: string): string {
  if (!RUN_ID.test(runId)) throw new NodeSourceError('UNDO_REFUSED', `run id "${runId}" is not a run id (letters, digits, '.', '_', '-')`);
  return join(resolve(root), runId);
}

/** The backups of one run; files are added as they are written. */
export class BackupRun {
  private readonly manifest: BackupManifest;
  readonly dir: string;

  constructor(root: string, readonly runId: string) {
    this.dir = runDir(root, runId);
    this.manifest = { runId, files: [] };
  }

  private queue: Promise<unknown> = Promise.resolve();

  /** Saves the original bytes of a file before it is replaced; the manifest is rewritten at once. */
  save(file: { target: string; bytes: Uint8Array; mode: number; uid: number; gid: number }, written: Uint8Array): Promise<string> {
    // one save at a time: concurrent files must not race on the manifest
    const next = this.queue.then(() => this.saveNow(file, written));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async saveNow(file: { target: string; bytes: Uint8Array; mode: number; uid: number; gid: number }, written: Uint8Array): Promise<string> {
    await mkdir(join(this.dir, 'files'), { recursive: true });
    const backup = join('files', `${this.manifest.files.length + 1}.py.orig`);
    await writeFileAtomic(join(this.dir, backup), file.bytes, { mode: 0o600 });
    this.manifest.files.push({ path: resolve(file.target), backup, writtenSha256: sha256(written), mode: file.mode, uid: file.uid, gid: file.gid });
    await writeFileAtomic(join(this.dir, 'manifest.json'), `${JSON.stringify(this.manifest, null, 2)}\n`, { mode: 0o600 });
    return join(this.dir, backup);
  }
}

export interface UndoResult {
  restored: string[];
  /** files left as they are, and why */
  refused: { path: string; reason: string }[];
}

export async function readManifest(root: string, runId: string): Promise<BackupManifest> {
  const file = join(runDir(root, runId), 'manifest.json');
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch {
    throw new NodeSourceError('UNDO_REFUSED', `no backups of run ${runId} under ${resolve(root)}`);
  }
  const parsed = ManifestSchema.safeParse(JSON.parse(raw));
  if (!parsed.success) throw new NodeSourceError('UNDO_REFUSED', `${file}: not a backup manifest (${parsed.error.issues[0]?.message})`);
  return parsed.data;
}

/** Restores every file of a run that still holds what the run wrote. */
export async function undoRun(root: string, runId: string): Promise<UndoResult> {
  const manifest = await readManifest(root, runId);
  const dir = runDir(root, runId);
  const result: UndoResult = { restored: [], refused: [] };
  for (const entry of manifest.files) {
    const current = await readFile(entry.path).catch(() => undefined);
    if (!current) {
      result.refused.push({ path: entry.path, reason: 'the file no longer exists' });
      continue;
    }
    if (sha256(current) !== entry.writtenSha256) {
      result.refused.push({ path: entry.path, reason: 'the file changed since the run wrote it' });
      continue;
    }
    const original = await readFile(join(dir, entry.backup));
    await writeFileAtomic(entry.path, original, { mode: entry.mode, owner: { uid: entry.uid, gid: entry.gid } });
    result.restored.push(entry.path);
  }
  return result;
}
