// Python's always-available names (data/python/builtins.yaml), read once per process.
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { DATA_DIR } from '../data-dir.js';

let names: ReadonlySet<string> | undefined;

export function pythonBuiltins(): ReadonlySet<string> {
  if (!names) {
    const data = z.object({ names: z.array(z.string()) }).parse(parseYaml(fs.readFileSync(path.join(DATA_DIR, 'python', 'builtins.yaml'), 'utf8')));
    names = new Set(data.names);
  }
  return names;
}
