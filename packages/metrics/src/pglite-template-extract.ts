// A new embedded database folder starts as the template unpacked by Node, then PGlite opens it as
// an existing database. PGlite's own `loadDataDir` untars in JavaScript through its emscripten file
// system, one small write after another; gunzip in zlib plus one write per file here took 0.9 s of
// CPU for unpack + open beside 1.3 s for loadDataDir on this machine (tools/pack-check/README.md).
// memory:// keeps loadDataDir (there is no folder to write).
import { mkdirSync, renameSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { unpackTar } from 'modern-tar';

/**
 * Unpacks `gzippedTar` (PGlite's `dumpDataDir('gzip')`) into the empty or absent folder `dataDir`.
 * All or nothing: it is written beside the folder and renamed into place, so a failure leaves no
 * half-made database behind; an entry that would land outside the folder fails the whole unpack.
 */
export async function unpackPgliteTemplate(gzippedTar: Uint8Array, dataDir: string): Promise<void> {
  const target = resolve(dataDir);
  const partial = `${target}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  try {
    const entries = await unpackTar(gunzipSync(gzippedTar));
    mkdirSync(partial, { recursive: true, mode: 0o700 });
    for (const { header, data } of entries) {
      // the dump names entries from the data directory's root ("/base/1/1259")
      const path = resolve(partial, `.${sep}${header.name}`);
      if (path !== partial && !path.startsWith(`${partial}${sep}`)) throw new Error(`template entry ${header.name} lies outside the data directory`);
      if (header.type === 'directory') mkdirSync(path, { recursive: true, mode: header.mode || 0o700 });
      else if (header.type === 'file') {
        mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
        writeFileSync(path, data ?? new Uint8Array(), { mode: header.mode || 0o600 });
      } else throw new Error(`template entry ${header.name} is a ${header.type}, not a file or folder`);
    }
    // the empty folder openDatabase made gives way (rmdir fails on a folder that is not empty)
    try {
      rmdirSync(target);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    renameSync(partial, target);
  } catch (cause) {
    rmSync(partial, { recursive: true, force: true });
    throw cause;
  }
}
