// The spool's file: JSON lines, appended and fsync'd one entry at a time, so an entry either is
// complete on disk before the caller hears "stored" or was never acknowledged. A torn last line
// (crash mid-append) is cut off on open; a partly flushed spool is rewritten atomically.
import { constants } from 'node:fs';
import { mkdir, open, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { MetricsError } from '../errors.js';
import type { RecordKind } from '../store/inputs.js';
import type { Row } from '../store/normalize.js';

export interface SpoolEntry {
  kind: RecordKind;
  rows: Row[];
}

export interface SpoolFile {
  readonly path: string;
  bytes(): number;
  entries(): number;
  append(entry: SpoolEntry): Promise<void>;
  /** Complete entries in append order; lines that do not parse come back in `corrupt`. */
  readAll(): Promise<{ entries: SpoolEntry[]; corrupt: string[] }>;
  /** Atomically replace the content with `entries` (empty: truncate). */
  replace(entries: SpoolEntry[]): Promise<void>;
  close(): Promise<void>;
}

export async function openSpoolFile(path: string, onWarning: (message: string) => void): Promise<SpoolFile> {
  await mkdir(dirname(path), { recursive: true });
  await cutTornTail(path, onWarning);
  let handle: FileHandle = await open(path, constants.O_CREAT | constants.O_APPEND | constants.O_RDWR, 0o600);
  let size = (await handle.stat()).size;
  let count = size === 0 ? 0 : (await readFile(path, 'utf8')).split('\n').filter((l) => l.trim()).length;

  return {
    path,
    bytes: () => size,
    entries: () => count,
    async append(entry) {
      const line = Buffer.from(`${JSON.stringify(entry)}\n`, 'utf8');
      await handle.write(line);
      await handle.sync();
      size += line.length;
      count += 1;
    },
    async readAll() {
      const text = await readFile(path, 'utf8');
      const entries: SpoolEntry[] = [];
      const corrupt: string[] = [];
      for (const line of text.split('\n')) {
        if (!line.trim()) continue;
        try {
          const parsed = JSON.parse(line) as SpoolEntry;
          if (typeof parsed.kind !== 'string' || !Array.isArray(parsed.rows)) throw new Error('not a spool entry');
          entries.push(parsed);
        } catch {
          corrupt.push(line);
        }
      }
      return { entries, corrupt };
    },
    async replace(remaining) {
      if (remaining.length === 0) {
        await handle.truncate(0);
        await handle.sync();
        size = 0;
        count = 0;
        return;
      }
      const tmp = `${path}.tmp`;
      const body = Buffer.from(remaining.map((e) => `${JSON.stringify(e)}\n`).join(''), 'utf8');
      const out = await open(tmp, 'w', 0o600);
      try {
        await out.write(body);
        await out.sync();
      } finally {
        await out.close();
      }
      await rename(tmp, path);
      await syncDir(dirname(path));
      await handle.close();
      handle = await open(path, constants.O_APPEND | constants.O_RDWR, 0o600);
      size = body.length;
      count = remaining.length;
    },
    async close() {
      await handle.close();
    },
  };
}

/** Appends `lines` (already serialized) to a side file, fsync'd: entries the database rejected. */
export async function appendRejected(path: string, lines: string[]): Promise<void> {
  if (lines.length === 0) return;
  const out = await open(path, 'a', 0o600);
  try {
    await out.write(lines.map((l) => `${l}\n`).join(''));
    await out.sync();
  } finally {
    await out.close();
  }
}

async function cutTornTail(path: string, onWarning: (message: string) => void): Promise<void> {
  let text: Buffer;
  try {
    text = await readFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new MetricsError('SPOOL_CORRUPT', `Cannot read metrics spool ${path}: ${(err as Error).message}`, { cause: err });
  }
  if (text.length === 0 || text[text.length - 1] === 0x0a) return;
  const keep = text.lastIndexOf(0x0a) + 1;
  onWarning(
    `metrics spool ${path}: dropped an incomplete last entry (${text.length - keep} bytes) left by a crash mid-append; ` +
      'its write had not been acknowledged.',
  );
  const handle = await open(path, 'r+');
  try {
    await handle.truncate(keep);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch {
    /* some filesystems refuse fsync on directories; the rename is still atomic */
  } finally {
    await handle.close();
  }
}

/** Removes the spool's temp file if a crash left one (the original is intact until rename). */
export async function removeStaleTemp(path: string): Promise<void> {
  await rm(`${path}.tmp`, { force: true });
}
