// Builds the API index of a Python package from its source tree with this package's own parser
// (no Python needed): one entry per module, enums told apart once every module's classes are known.
import fs from 'node:fs';
import path from 'node:path';
import { ValidatorError } from '../errors.js';
import type { TreeSitterPythonParser } from '../parser/types.js';
import { extractModule, type RawModule } from './extract-module.js';
import type { ApiClass, ApiIndex, ApiModule } from './schema.js';

export interface BuildApiIndexOptions {
  /** the import name of the package, e.g. 'omnibase_core' */
  packageName: string;
  /** written to the index's `source` field (where the sources came from) */
  source?: string;
  parser: TreeSitterPythonParser;
}

export interface BuildApiIndexResult {
  index: ApiIndex;
  /** files that could not be read or parsed (skipped), with the reason */
  skipped: { file: string; reason: string }[];
}

const SKIP_DIRS = new Set(['__pycache__', '.git', 'node_modules', '.venv', 'venv', '.tox', '.mypy_cache']);
const ENUM_BASES = new Set(['Enum', 'IntEnum', 'StrEnum', 'Flag', 'IntFlag', 'ReprEnum']);

/** The package directory: SRC_DIR itself, SRC_DIR/NAME or SRC_DIR/src/NAME. */
export function findPackageDir(srcDir: string, packageName: string): string {
  const candidates = [path.join(srcDir, packageName), path.join(srcDir, 'src', packageName), srcDir];
  for (const dir of candidates) {
    if (fs.existsSync(path.join(dir, '__init__.py')) && (dir !== srcDir || path.basename(path.resolve(dir)) === packageName)) return dir;
  }
  throw new ValidatorError('INPUT_UNREADABLE', `no package "${packageName}" (a folder with __init__.py) in ${srcDir}, ${path.join(srcDir, packageName)} or ${path.join(srcDir, 'src', packageName)}`);
}

export function buildApiIndex(srcDir: string, options: BuildApiIndexOptions): BuildApiIndexResult {
  const { packageName, parser } = options;
  if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(packageName)) {
    throw new ValidatorError('USAGE', `--package must be a Python import name, got "${packageName}"`);
  }
  const packageDir = findPackageDir(srcDir, packageName);
  const raw = new Map<string, RawModule>();
  const skipped: BuildApiIndexResult['skipped'] = [];
  for (const file of pythonFiles(packageDir)) {
    const rel = path.relative(packageDir, file).split(path.sep);
    const isPackage = rel[rel.length - 1] === '__init__.py';
    const parts = [packageName, ...rel.slice(0, -1), ...(isPackage ? [] : [rel[rel.length - 1]!.slice(0, -3)])];
    if (!parts.every((p) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(p))) continue; // not importable (e.g. a file named 1_x.py)
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      skipped.push({ file, reason: (err as Error).message });
      continue;
    }
    const moduleName = parts.join('.');
    const mod = parser.withSyntaxTree(text, (tree, parsed) => {
      if (!parsed.syntaxValid) {
        const e = parsed.syntaxErrors[0]!;
        skipped.push({ file, reason: `syntax error at ${e.line}:${e.column}: ${e.message}` });
        return undefined;
      }
      return extractModule(tree.rootNode, parsed, moduleName, isPackage);
    });
    if (mod) raw.set(moduleName, mod);
  }
  const modules: Record<string, ApiModule> = {};
  const enums = enumClasses(raw, packageName);
  for (const name of [...raw.keys()].sort()) {
    const m = raw.get(name)!;
    const classes: Record<string, ApiClass> = {};
    for (const [cname, c] of Object.entries(m.classes)) {
      const isEnum = enums.has(`${name}.${cname}`);
      classes[cname] = {
        bases: c.bases,
        methods: c.methods,
        attributes: isEnum ? c.attributes : [...new Set([...c.assigned, ...c.attributes])],
        ...(isEnum ? { members: c.assigned.filter((n) => !n.startsWith('_')) } : {}),
        ...(!isEnum && c.extra ? { extra: c.extra } : {}),
      };
    }
    modules[name] = { functions: m.functions, classes, names: m.names, reexports: m.reexports, lazy: m.lazy };
  }
  return { index: { package: packageName, ...(options.source ? { source: options.source } : {}), modules }, skipped };
}

function* pythonFiles(dir: string): Generator<string> {
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) yield* pythonFiles(full);
    } else if (e.isFile() && e.name.endsWith('.py')) yield full;
  }
}

/** Qualified names of the classes that are enums: an Enum base, or a base that is one (any module). */
function enumClasses(raw: Map<string, RawModule>, packageName: string): Set<string> {
  const enums = new Set<string>();
  let changed = true;
  while (changed) {
    changed = false;
    for (const [mname, m] of raw) {
      for (const [cname, c] of Object.entries(m.classes)) {
        const q = `${mname}.${cname}`;
        if (enums.has(q)) continue;
        const isEnum = c.bases.some((b) => {
          const bare = b.split('[')[0]!.trim();
          if (ENUM_BASES.has(bare.split('.').pop()!)) return true;
          const target = m.classes[bare] ? `${mname}.${bare}` : resolveOrigin(m.reexports?.[bare], raw, packageName);
          return !!target && enums.has(target);
        });
        if (isEnum) {
          enums.add(q);
          changed = true;
        }
      }
    }
  }
  return enums;
}

/** Follows a re-export to the module that defines the class (within the package). */
function resolveOrigin(origin: string | undefined, raw: Map<string, RawModule>, packageName: string, depth = 0): string | undefined {
  if (!origin || depth > 8 || !(origin === packageName || origin.startsWith(`${packageName}.`))) return undefined;
  const dot = origin.lastIndexOf('.');
  const mod = raw.get(origin.slice(0, dot));
  const name = origin.slice(dot + 1);
  if (!mod) return undefined;
  if (mod.classes[name]) return origin;
  return resolveOrigin(mod.reexports?.[name], raw, packageName, depth + 1);
}
