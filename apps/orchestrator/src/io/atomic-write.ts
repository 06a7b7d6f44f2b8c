// Output is written at the end of each node, atomically: everything goes to a temporary sibling first
// and is renamed into place, so an interrupted or failed run never leaves a half-written file or directory.
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

function tempSibling(target: string): string {
  return join(dirname(target), `.${basename(target)}.onexgen-${randomBytes(4).toString('hex')}.tmp`);
}

export async function writeFileAtomic(target: string, content: string): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  const tmp = tempSibling(target);
  try {
    await writeFile(tmp, content, { flag: 'wx' });
    await rename(tmp, target);
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
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
