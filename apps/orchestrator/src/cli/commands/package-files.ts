// The node's package as the sandbox needs it to import the node as written: the `__init__.py`
// beside the node file and the Python files under `models/` (so `from .models import …` resolves
// and examples that build models run). Bounded: a folder that is not a node package is not read whole.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

const MAX_FILES = 200;
const MAX_FILE_BYTES = 1024 * 1024;

export function packageFilesBeside(nodeFile: string): Record<string, string> {
  const root = dirname(nodeFile);
  const out: Record<string, string> = {};
  const take = (path: string): void => {
    if (Object.keys(out).length >= MAX_FILES) return;
    try {
      const st = statSync(path);
      if (!st.isFile() || st.size > MAX_FILE_BYTES) return;
      out[relative(root, path).split(sep).join('/')] = readFileSync(path, 'utf8');
    } catch {
      // unreadable: the sandbox reports the import error it causes
    }
  };
  take(join(root, '__init__.py'));
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.isDirectory() && e.name !== '__pycache__') walk(join(dir, e.name));
      else if (e.isFile() && e.name.endsWith('.py')) take(join(dir, e.name));
    }
  };
  walk(join(root, 'models'));
  return out;
}
