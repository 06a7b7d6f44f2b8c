// The package's YAML data files (data/profiles/*.yaml, data/python/builtins.yaml) are the source
// of truth; the build compiles each to JSON beside the bundles (dist/data/…, written by
// compileDataFiles from tsup's onSuccess), already checked by its zod schema. Reading the JSON
// costs a JSON.parse instead of loading and running the yaml parser (the largest part of a CLI
// call's start-up). From src/ (tests) there is no compiled copy and the YAML is read.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ZodType } from 'zod';
import { DATA_DIR } from './data-dir.js';

/** dist/data/ when bundled; src/data/ from source, which does not exist */
export const COMPILED_DATA_DIR = fileURLToPath(new URL('./data/', import.meta.url));

/** The YAML files the build compiles, relative to data/ and without extension. */
export const COMPILED_DATA_FILES = ['profiles/onex-v2', 'profiles/generic-python', 'python/builtins'] as const;

/** yaml, loaded on first use only: a CLI call on the built package never needs it. */
export function parseYamlText(text: string): unknown {
  const yaml = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  return yaml.parse(text);
}

export interface DataFile {
  /** parsed and checked by `schema` (the compiled copy was checked when the build wrote it) */
  data: unknown;
  /** the YAML source the data comes from (for relative paths and messages) */
  source: string;
  compiled: boolean;
}

/** A data file by name ('profiles/onex-v2'): the compiled JSON when present, else the YAML checked by `schema`. */
export function readDataFile(name: (typeof COMPILED_DATA_FILES)[number], schema: ZodType, compiledDir = COMPILED_DATA_DIR): DataFile {
  const source = path.join(DATA_DIR, `${name}.yaml`);
  const compiled = path.join(compiledDir, `${name}.json`);
  if (fs.existsSync(compiled)) return { data: JSON.parse(fs.readFileSync(compiled, 'utf8')), source, compiled: true };
  return { data: schema.parse(parseYamlText(fs.readFileSync(source, 'utf8'))), source, compiled: false };
}

/** Build step: each YAML data file → `outDir/<name>.json`, parsed by its schema (defaults filled in). */
export function compileDataFiles(outDir: string, schemaOf: (name: (typeof COMPILED_DATA_FILES)[number]) => ZodType): string[] {
  return COMPILED_DATA_FILES.map((name) => {
    const source = path.join(DATA_DIR, `${name}.yaml`);
    const parsed = schemaOf(name).safeParse(parseYamlText(fs.readFileSync(source, 'utf8')));
    if (!parsed.success) throw new Error(`${source}: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
    const out = path.join(outDir, `${name}.json`);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, JSON.stringify(parsed.data));
    return out;
  });
}
