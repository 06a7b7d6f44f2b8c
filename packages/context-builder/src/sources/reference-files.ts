// Finds reference node files and their specs in a directory tree. A node file `x.py` is paired
// with `x.spec.yaml` / `x.spec.yml` / `x.spec.json` beside it, or else with `spec.yaml` /
// `contract.yaml` in the same folder. Files without a spec are listed apart: the index reads what
// it can from the file itself (node class, docstrings) and skips those that hold no node class.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ContextBuilderError } from '../errors.js';

export interface ReferenceFile {
  file: string;
  /** the paired spec file, if any */
  spec?: string;
}

const SIBLING_SUFFIXES = ['.spec.yaml', '.spec.yml', '.spec.json'];
const FOLDER_SPECS = ['spec.yaml', 'spec.yml', 'contract.yaml', 'contract.yml'];

export function discoverReferenceFiles(dir: string): ReferenceFile[] {
  const files: ReferenceFile[] = [];
  const walk = (folder: string): void => {
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch (cause) {
      throw new ContextBuilderError('REFERENCE_UNREADABLE', `cannot list reference directory ${folder}`, { cause });
    }
    // sorted so that the index, and therefore every prompt, is the same on every machine
    for (const entry of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && entry.name !== '__pycache__') walk(full);
        continue;
      }
      if (!entry.name.endsWith('.py') || entry.name === '__init__.py') continue;
      const stem = full.slice(0, -3);
      const spec =
        SIBLING_SUFFIXES.map((s) => stem + s).find((p) => existsSync(p)) ??
        FOLDER_SPECS.map((s) => join(folder, s)).find((p) => existsSync(p));
      files.push(spec ? { file: full, spec } : { file: full });
    }
  };
  walk(dir);
  return files;
}
