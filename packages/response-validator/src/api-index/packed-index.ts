// The shipped API index in a form that loads in a few milliseconds: a first line of JSON holding
// the package, the source, each module's byte range in the rest of the file, and where each class
// or function name is defined; then every module's JSON, one after the other. A module is parsed
// when a rule first asks for it: a CLI call reads a dozen of the index's ~1,800 modules instead of
// decoding and parsing all 2 MB (about 35 ms of CPU and most of the garbage collection of a call).
// The build writes it, gzip-compressed, from data/api/*.json.gz (load-index.ts); the .json.gz stays the source.
import type { ApiIndex, ApiModule } from './schema.js';

/** What ApiIndexView reads; an ApiIndex in memory and a packed file both provide it. */
export interface ApiIndexSource {
  package: string;
  source: string | undefined;
  module(name: string): ApiModule | undefined;
  moduleNames(): string[];
  /** modules defining a class or function of that name */
  definingModules(name: string): readonly string[];
}

interface PackedHeader {
  package: string;
  source?: string;
  /** module → [start, end) byte offsets after the header line */
  modules: Record<string, [number, number]>;
  definitions: Record<string, string[]>;
}

function definitionTable(index: ApiIndex): Map<string, string[]> {
  const defs = new Map<string, string[]>();
  for (const [m, mod] of Object.entries(index.modules)) {
    for (const n of [...Object.keys(mod.classes ?? {}), ...Object.keys(mod.functions ?? {})]) {
      const list = defs.get(n);
      if (!list) defs.set(n, [m]);
      else if (!list.includes(m)) list.push(m);
    }
  }
  return defs;
}

export function packApiIndex(index: ApiIndex): Buffer {
  const bodies: Buffer[] = [];
  const modules: PackedHeader['modules'] = {};
  let at = 0;
  for (const [name, mod] of Object.entries(index.modules)) {
    const body = Buffer.from(JSON.stringify(mod), 'utf8');
    modules[name] = [at, at + body.length];
    at += body.length;
    bodies.push(body);
  }
  const header: PackedHeader = { package: index.package, ...(index.source ? { source: index.source } : {}), modules, definitions: Object.fromEntries(definitionTable(index)) };
  return Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`, 'utf8'), ...bodies]);
}

/** A packed index read from `bytes`; modules are parsed on first use and kept. */
export function openPackedIndex(bytes: Buffer): ApiIndexSource {
  const newline = bytes.indexOf(10);
  if (newline < 0) throw new Error('not a packed API index (no header line)');
  const header = JSON.parse(bytes.toString('utf8', 0, newline)) as PackedHeader;
  const base = newline + 1;
  const parsed = new Map<string, ApiModule>();
  return {
    package: header.package,
    source: header.source,
    module(name) {
      let mod = parsed.get(name);
      if (mod) return mod;
      const range = Object.hasOwn(header.modules, name) ? header.modules[name] : undefined;
      if (!range) return undefined;
      mod = JSON.parse(bytes.toString('utf8', base + range[0], base + range[1])) as ApiModule;
      parsed.set(name, mod);
      return mod;
    },
    moduleNames: () => Object.keys(header.modules),
    definingModules: (name) => (Object.hasOwn(header.definitions, name) ? header.definitions[name]! : []),
  };
}

/** The same questions answered from an index already in memory. */
export function inMemoryIndex(index: ApiIndex): ApiIndexSource {
  let defs: Map<string, string[]> | undefined;
  return {
    package: index.package,
    source: index.source,
    module: (name) => (Object.hasOwn(index.modules, name) ? index.modules[name] : undefined),
    moduleNames: () => Object.keys(index.modules),
    definingModules: (name) => (defs ??= definitionTable(index)).get(name) ?? [],
  };
}
