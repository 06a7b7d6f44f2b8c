// The node file's own imports (context.fileImports) parsed once per distinct list: the names they
// bind count as defined, and their aliases resolve callees (`from pickle import loads`).
import { boundNames } from '../extraction/strip-imports.js';
import type { PyImport, PythonParser } from '../parser/types.js';

export interface FileImports {
  imports: PyImport[];
  names: ReadonlySet<string>;
}

const EMPTY: FileImports = { imports: [], names: new Set() };
const MAX_CACHED = 32;

export class FileImportCache {
  private readonly cache = new Map<string, FileImports>();

  constructor(private readonly parser: PythonParser) {}

  get(lines: readonly string[] | undefined): FileImports {
    if (!lines || lines.length === 0) return EMPTY;
    const key = lines.join('\n');
    let hit = this.cache.get(key);
    if (!hit) {
      const imports = this.parser.parse(key).imports;
      const names = new Set(imports.flatMap(boundNames));
      hit = { imports, names };
      if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(key, hit);
    }
    return hit;
  }
}
