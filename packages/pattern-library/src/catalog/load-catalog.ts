import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { freezeDeep } from '@onexgen/onex';
import { DATA_DIR } from '../data-dir.js';
import { PatternLibraryError, describeZodIssues } from '../errors.js';
import { createMatcher, type EffectivenessLookup } from '../matching/match.js';
import type { MatchQuery, Pattern, PatternMatch } from '../types.js';
import { patternFileSchema, toPattern } from './pattern-file-schema.js';

export const CATALOG_DIR = join(DATA_DIR, 'patterns');

export interface LoadCatalogOptions {
  /** directories of the user's own pattern files (*.yaml / *.yml); a same id replaces the shipped one */
  extraDirs?: string[];
}

export interface PatternCatalog {
  /** every pattern, sorted by id */
  readonly patterns: readonly Pattern[];
  get(id: string): Pattern | undefined;
  match(query: MatchQuery, opts?: { effectiveness?: EffectivenessLookup }): PatternMatch[];
}

async function readPatternDir(dir: string, source: Pattern['source']): Promise<Pattern[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => /\.ya?ml$/.test(n)).sort();
  } catch (cause) {
    throw new PatternLibraryError('CATALOG_DIR_UNREADABLE', `cannot read pattern directory ${dir}`, { cause });
  }
  const patterns: Pattern[] = [];
  const seen = new Map<string, string>();
  for (const name of names) {
    const file = join(dir, name);
    let raw: unknown;
    try {
      raw = parse(await readFile(file, 'utf8'));
    } catch (cause) {
      throw new PatternLibraryError('CATALOG_INVALID', `${file}: not valid YAML`, { cause });
    }
    const result = patternFileSchema.safeParse(raw);
    if (!result.success) {
      throw new PatternLibraryError('CATALOG_INVALID', `${file}: ${describeZodIssues(result.error.issues)}`, {
        cause: result.error,
      });
    }
    const previous = seen.get(result.data.id);
    if (previous) {
      throw new PatternLibraryError('CATALOG_DUPLICATE_ID', `${file}: id "${result.data.id}" is already defined in ${previous}`);
    }
    seen.set(result.data.id, file);
    patterns.push(toPattern(result.data, source));
  }
  return patterns;
}

let shipped: Promise<readonly Pattern[]> | undefined;

/**
 * The shipped catalog is package data: read and validated once per process (a queue worker opens a
 * session per run, and reading the YAML again cost it 0.1–0.3 s each time). Frozen, since every
 * catalog of the process shares the objects. A failed read is not remembered. The user's
 * directories are read on every load: they may change between runs.
 */
function shippedPatterns(): Promise<readonly Pattern[]> {
  if (!shipped) {
    const reading = readPatternDir(CATALOG_DIR, 'catalog').then((patterns) => patterns.map(freezeDeep));
    reading.catch(() => {
      if (shipped === reading) shipped = undefined;
    });
    shipped = reading;
  }
  return shipped;
}

/** Builds a catalog from a fixed list of patterns (shipped, user and learned ones alike). */
export function createCatalog(patterns: readonly Pattern[]): PatternCatalog {
  const sorted = [...patterns].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const byId = new Map(sorted.map((p) => [p.id, p]));
  const matcher = createMatcher(sorted);
  return {
    patterns: sorted,
    get: (id) => byId.get(id),
    match: (query, opts) => matcher.match(query, opts),
  };
}

/**
 * Loads the shipped catalog (data/patterns) plus the user's directories. Every file is validated
 * before anything is returned: one bad file fails the whole load with its path and field.
 */
export async function loadPatternCatalog(opts: LoadCatalogOptions = {}): Promise<PatternCatalog> {
  const byId = new Map<string, Pattern>();
  for (const p of await shippedPatterns()) byId.set(p.id, p);
  for (const dir of opts.extraDirs ?? []) {
    for (const p of await readPatternDir(dir, 'user')) byId.set(p.id, p);
  }
  return createCatalog([...byId.values()]);
}
