// Questions the api/* rules ask of an index: does a module exist, what does a name in it refer to
// (following re-exports and lazily served names), a class's bases in method-resolution order, and
// where a method or attribute comes from.
import { externalBaseMembers, isPydanticBase } from './external-bases.js';
import { type ApiIndexSource, inMemoryIndex } from './packed-index.js';
import type { ApiClass, ApiFunction, ApiIndex, ApiModule } from './schema.js';

export type ApiSymbol =
  | { kind: 'module'; module: string }
  | { kind: 'class'; module: string; name: string; cls: ApiClass }
  | { kind: 'function'; module: string; name: string; fn: ApiFunction }
  /** the name exists but nothing more is known (a variable, a lazily served name without a unique definition) */
  | { kind: 'opaque'; module: string; name: string }
  /** re-exported from another package (typing.Any, pydantic.BaseModel, ...) */
  | { kind: 'external'; origin: string };

export type ClassSymbol = Extract<ApiSymbol, { kind: 'class' }>;

export interface Mro {
  /** the class and its indexed ancestors, nearest first */
  classes: ClassSymbol[];
  /** bases from outside the index whose members are known (pydantic.BaseModel, …; external-bases.ts) */
  external: string[];
  /**
   * every base resolved inside the index, adds no members (object, ABC, Generic, Protocol) or is a
   * known external one; for a pydantic model also: its `model_config` is known not to allow extra
   * attributes (no model_config along the MRO means pydantic's default, extra="ignore")
   */
  closed: boolean;
}

/** Bases that add no public attributes a generated node would read. */
const NEUTRAL_BASES = new Set(['object', 'ABC', 'abc.ABC', 'Generic', 'typing.Generic', 'Protocol', 'typing.Protocol']);
const ENUM_BASES = new Set(['Enum', 'IntEnum', 'StrEnum', 'Flag', 'IntFlag', 'str', 'int']);
const MAX_DEPTH = 12;

export class ApiIndexView {
  readonly package: string;
  readonly source: string | undefined;
  private readonly definitions = new Map<string, ApiSymbol[]>();
  private readonly mros = new Map<string, Mro>();
  private readonly index: ApiIndexSource;

  /** an index in memory, or a packed one whose modules are parsed on first use */
  constructor(index: ApiIndex | ApiIndexSource) {
    this.index = 'modules' in index ? inMemoryIndex(index) : index;
    this.package = index.package;
    this.source = index.source;
  }

  /** 'omnibase_core 0.3.1' for messages (the first version number in `source`, when there is one) */
  get label(): string {
    const version = this.source ? /\b\d+\.\d+(?:\.\d+)?\S*/.exec(this.source)?.[0] : undefined;
    return version ? `${this.package} ${version}` : this.package;
  }

  inPackage(dotted: string): boolean {
    return dotted === this.package || dotted.startsWith(`${this.package}.`);
  }

  module(name: string): ApiModule | undefined {
    return this.index.module(name);
  }

  moduleNames(): string[] {
    return this.index.moduleNames();
  }

  /** What `name` means as an attribute of module `moduleName` (`from moduleName import name`). */
  member(moduleName: string, name: string, depth = 0): ApiSymbol | undefined {
    const mod = this.index.module(moduleName);
    if (!mod || depth > MAX_DEPTH) return undefined;
    const cls = mod.classes?.[name];
    if (cls) return { kind: 'class', module: moduleName, name, cls };
    const fn = mod.functions?.[name];
    if (fn) return { kind: 'function', module: moduleName, name, fn };
    const origin = mod.reexports?.[name];
    if (origin !== undefined) {
      if (!this.inPackage(origin)) return { kind: 'external', origin };
      return this.resolveDotted(origin, depth + 1) ?? { kind: 'opaque', module: moduleName, name };
    }
    if (mod.lazy?.includes(name)) return this.uniqueDefinition(name) ?? { kind: 'opaque', module: moduleName, name };
    if (mod.names?.includes(name)) return { kind: 'opaque', module: moduleName, name };
    const sub = `${moduleName}.${name}`;
    if (this.index.module(sub)) return { kind: 'module', module: sub };
    return undefined;
  }

  /** A dotted path inside the package: the longest module prefix, then names. */
  resolveDotted(dotted: string, depth = 0): ApiSymbol | undefined {
    const parts = dotted.split('.');
    for (let i = parts.length; i > 0; i--) {
      const moduleName = parts.slice(0, i).join('.');
      if (!this.index.module(moduleName)) continue;
      let sym: ApiSymbol | undefined = { kind: 'module', module: moduleName };
      for (const part of parts.slice(i)) {
        if (sym?.kind !== 'module') return sym && sym.kind !== 'external' ? { kind: 'opaque', module: moduleName, name: part } : sym;
        sym = this.member(sym.module, part, depth + 1);
      }
      return sym;
    }
    return undefined;
  }

  /** The only class or function of that name in the package (how lazily served names are resolved). */
  uniqueDefinition(name: string): ApiSymbol | undefined {
    const found = this.definitionsOf(name);
    return found.length === 1 ? found[0] : undefined;
  }

  /** Every class and function of that name, in any module (for "it is in …" suggestions). */
  definitionsOf(name: string): ApiSymbol[] {
    let found = this.definitions.get(name);
    if (!found) {
      found = [];
      for (const m of this.index.definingModules(name)) {
        const mod = this.index.module(m);
        const cls = mod?.classes?.[name];
        if (cls) found.push({ kind: 'class', module: m, name, cls });
        const fn = mod?.functions?.[name];
        if (fn) found.push({ kind: 'function', module: m, name, fn });
      }
      this.definitions.set(name, found);
    }
    return found;
  }

  /** A type annotation as written in `moduleName` (`ModelONEXContainer`, `X | None`, `Optional[X]`, `"X"`) → the class. */
  annotationClass(annotation: string | null | undefined, resolveName: (name: string) => ApiSymbol | undefined): ClassSymbol | undefined {
    if (!annotation) return undefined;
    let text = annotation.trim().replace(/^["']|["']$/g, '');
    const optional = /^Optional\[(.*)\]$/.exec(text);
    if (optional) text = optional[1]!;
    const parts = text.split('|').map((p) => p.trim()).filter((p) => p !== 'None');
    if (parts.length !== 1) return undefined;
    const bare = parts[0]!.split('[')[0]!.trim();
    if (!/^[A-Za-z_][\w.]*$/.test(bare)) return undefined;
    const [head, ...rest] = bare.split('.');
    let sym = resolveName(head!);
    for (const part of rest) sym = sym?.kind === 'module' ? this.member(sym.module, part) : undefined;
    return sym?.kind === 'class' ? sym : undefined;
  }

  /** A name as seen inside an indexed module (its classes, functions, re-exports). */
  nameInModule(moduleName: string, name: string): ApiSymbol | undefined {
    return this.member(moduleName, name);
  }

  /** The class and its indexed ancestors (depth-first, left to right, each once). */
  mro(cls: ClassSymbol): Mro {
    const key = `${cls.module}.${cls.name}`;
    const hit = this.mros.get(key);
    if (hit) return hit;
    const classes: ClassSymbol[] = [];
    const external: string[] = [];
    const seen = new Set<string>();
    let closed = true;
    const visit = (c: ClassSymbol, depth: number): void => {
      const k = `${c.module}.${c.name}`;
      if (seen.has(k) || depth > MAX_DEPTH) return;
      seen.add(k);
      classes.push(c);
      for (const base of c.cls.bases) {
        const bare = base.split('[')[0]!.trim();
        if (NEUTRAL_BASES.has(bare)) continue;
        const sym = this.baseSymbol(c.module, bare);
        if (sym?.kind === 'class') visit(sym, depth + 1);
        else if (sym?.kind === 'external' && externalBaseMembers(sym.origin)) {
          if (!external.includes(sym.origin)) external.push(sym.origin);
        } else if (!(this.isEnumClass(cls) && ENUM_BASES.has(bare))) closed = false;
      }
    };
    visit(cls, 0);
    if (closed && external.some(isPydanticBase)) {
      // the nearest class that sets model_config decides; extra="allow" (or a config the index
      // could not read) lets any attribute exist
      const configured = classes.find((c) => c.cls.attributes?.includes('model_config'));
      if (configured && configured.cls.extra !== 'ignore' && configured.cls.extra !== 'forbid') closed = false;
    }
    const mro = { classes, external, closed };
    this.mros.set(key, mro);
    return mro;
  }

  private baseSymbol(moduleName: string, bare: string): ApiSymbol | undefined {
    const [head, ...rest] = bare.split('.');
    let sym = this.member(moduleName, head!);
    for (const part of rest) sym = sym?.kind === 'module' ? this.member(sym.module, part) : undefined;
    return sym;
  }

  isEnumClass(cls: ClassSymbol): boolean {
    return !!cls.cls.members?.length;
  }

  /** A method found along the MRO: the function and the class that defines it. */
  findMethod(cls: ClassSymbol, name: string): { owner: ClassSymbol; fn: ApiFunction } | undefined {
    for (const c of this.mro(cls).classes) {
      const fn = c.cls.methods?.[name];
      if (fn) return { owner: c, fn };
    }
    return undefined;
  }

  /** Every method, attribute and member name along the MRO. */
  memberNames(cls: ClassSymbol): Set<string> {
    const out = new Set<string>();
    const mro = this.mro(cls);
    for (const origin of mro.external) for (const n of externalBaseMembers(origin) ?? []) out.add(n);
    for (const c of mro.classes) {
      for (const n of Object.keys(c.cls.methods ?? {})) out.add(n);
      for (const n of c.cls.attributes ?? []) out.add(n);
      for (const n of c.cls.members ?? []) out.add(n);
    }
    return out;
  }

  /**
   * The declared type of an instance attribute: an attribute named like a parameter of the class's
   * `__init__` takes that parameter's annotation (`self.container = container`).
   */
  attributeClass(cls: ClassSymbol, attribute: string): ClassSymbol | undefined {
    for (const c of this.mro(cls).classes) {
      if (!c.cls.attributes?.includes(attribute)) continue;
      const param = c.cls.methods?.['__init__']?.params.find((p) => p.name === attribute);
      // annotations imported only for type checking are often missing from a module's names: a
      // class of that name defined exactly once in the package is taken
      return this.annotationClass(param?.annotation, (n) => this.member(c.module, n) ?? this.uniqueDefinition(n));
    }
    return undefined;
  }
}
