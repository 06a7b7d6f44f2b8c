// Atomic writes: the content goes to a temporary sibling (same directory, so the same file system),
// is flushed to disk, and is renamed over the target; the directory is flushed too. A crash or a failed
// write leaves the old file or the new one, never half of either.
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

function tempSibling(target: string): string {
  return join(dirname(target), `.${basename(target)}.onexgen-${randomBytes(4).toString('hex')}.tmp`);
}

async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch {
    // some file systems cannot fsync a directory; the rename itself is still atomic
  } finally {
    await handle.close();
  }
}

export interface AtomicWriteOptions {
  /** permission bits of the new file (default 0o644 less the umask) */
  mode?: number;
  /** owner to give the new file (kept when it already is the process's) */
  owner?: { uid: number; gid: number };
}

export async function writeFileAtomic(target: string, content: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const dir = dirname(target);
  await mkdir(dir, { recursive: true });
  const tmp = tempSibling(target);
  try {
    const handle = await open(tmp, 'wx', options.mode ?? 0o644);
    try {
      await handle.writeFile(content);
      // open() applies the umask: set the bits exactly
      if (options.mode !== undefined) await handle.chmod(options.mode);
      if (options.owner) {
        const stat = await handle.stat();
        if (stat.uid !== options.owner.uid || stat.gid !== options.owner.gid) await handle.chown(options.owner.uid, options.owner.gid);
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, target);
    await fsyncDir(dir);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** Writes a whole directory tree at once; an existing directory is replaced only after the new one is complete. */
export async function writeDirAtomic(target: string, files: readonly { path: string; content: string }[]): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  const tmp = tempSibling(target);
  const old = `${tmp}.old`;
  try {
    for (const f of files) {
      const path = join(tmp, ...f.path.split('/'));
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, f.content);
    }
    let replaced = false;
    try {
      await rename(target, old);
      replaced = true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    try {
      await rename(tmp, target);
    } catch (err) {
      if (replaced) await rename(old, target);
      throw err;
    }
    if (replaced) await rm(old, { recursive: true, force: true });
    await fsyncDir(dirname(target));
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
