// The index reduced to what the api/* rules read: no return annotations, only the decorators that
// change how a method is called (property, classmethod, staticmethod, overload), no empty fields.
import type { ApiClass, ApiFunction, ApiIndex, ApiModule } from './schema.js';

const CALL_SHAPING = new Set(['property', 'cached_property', 'classmethod', 'staticmethod', 'overload', 'abstractmethod']);

function compactFunction(f: ApiFunction): ApiFunction {
  const decorators = (f.decorators ?? []).filter((d) => CALL_SHAPING.has(d) || CALL_SHAPING.has(d.split('.').pop()!));
  return {
    ...(f.async ? { async: true } : {}),
    ...(decorators.length ? { decorators } : {}),
    params: f.params.map((p) => ({ name: p.name, kind: p.kind, default: p.default, ...(p.annotation ? { annotation: p.annotation } : {}) })),
  };
}

function mapValues<T, U>(record: Record<string, T> | undefined, fn: (v: T) => U): Record<string, U> | undefined {
  if (!record || Object.keys(record).length === 0) return undefined;
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, fn(v)]));
}

function nonEmpty<T>(list: T[] | undefined): T[] | undefined {
  return list && list.length ? list : undefined;
}

export function compactApiIndex(index: ApiIndex): ApiIndex {
  const modules: Record<string, ApiModule> = {};
  for (const [name, m] of Object.entries(index.modules)) {
    const classes = mapValues(m.classes, (c): ApiClass => {
      const out: ApiClass = { bases: c.bases };
      const methods = mapValues(c.methods, compactFunction);
      if (methods) out.methods = methods;
      if (nonEmpty(c.attributes)) out.attributes = c.attributes;
      if (nonEmpty(c.members)) out.members = c.members;
      if (c.extra) out.extra = c.extra;
      return out;
    });
    const functions = mapValues(m.functions, compactFunction);
    const reexports = m.reexports && Object.keys(m.reexports).length ? m.reexports : undefined;
    modules[name] = {
      ...(functions ? { functions } : {}),
      ...(classes ? { classes } : {}),
      ...(nonEmpty(m.names) ? { names: m.names } : {}),
      ...(reexports ? { reexports } : {}),
      ...(nonEmpty(m.lazy) ? { lazy: m.lazy } : {}),
    };
  }
  return { package: index.package, ...(index.source ? { source: index.source } : {}), modules };
}
