// Reads an API index file (JSON, or gzip-compressed JSON ending in .gz) once per path and wraps it
// in a view. A team's own index is checked with zod: a bad one fails with the path of the bad field.
// The shipped index is read from its packed copy in dist/ when the build wrote one (packed-index.ts).
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { DATA_DIR } from '../data-dir.js';
import { COMPILED_DATA_DIR } from '../data-files.js';
import { ValidatorError } from '../errors.js';
import { ApiIndexView } from './api-view.js';
import { openPackedIndex, packApiIndex } from './packed-index.js';
import { type ApiIndex, ApiIndexSchema } from './schema.js';

const views = new Map<string, ApiIndexView>();

/** The index shipped with the package (used by the onex-v2 profile). */
export const DEFAULT_API_INDEX = path.join(DATA_DIR, 'api', 'omnibase_core-0.3.1.json.gz');
/** its packed copy, gzip-compressed (2.3 MB → 0.24 MB installed; gunzip ~6 ms), written by the build (absent when running from src/) */
export const PACKED_DEFAULT_API_INDEX = path.join(COMPILED_DATA_DIR, 'api', 'omnibase_core-0.3.1.packed.gz');

/** Build step: the shipped index, checked, packed beside the bundles. */
export function writePackedDefaultIndex(file = PACKED_DEFAULT_API_INDEX): void {
  const index = ApiIndexSchema.parse(readApiIndexFile(DEFAULT_API_INDEX));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, gzipSync(packApiIndex(index), { level: 9 }));
}

export function readApiIndexFile(file: string): ApiIndex {
  let data: unknown;
  try {
    const bytes = fs.readFileSync(file);
    data = JSON.parse((file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8'));
  } catch (cause) {
    throw new ValidatorError('API_INDEX_INVALID', `API index ${file} cannot be read as ${file.endsWith('.gz') ? 'gzip-compressed ' : ''}JSON: ${(cause as Error).message}`, { cause });
  }
  // the shipped index is checked by the package's tests; a team's own is checked here
  if (path.resolve(file) === DEFAULT_API_INDEX) return data as ApiIndex;
  const parsed = ApiIndexSchema.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new ValidatorError('API_INDEX_INVALID', `invalid API index ${file}: ${first?.path.join('.') || '(root)'}: ${first?.message ?? 'invalid'}`, { cause: parsed.error });
  }
  return parsed.data;
}

/** The view of an index file, read on first use and kept for the process. */
export function loadApiIndex(file: string): ApiIndexView {
  const key = path.resolve(file);
  let view = views.get(key);
  if (!view) {
    const packed = key === DEFAULT_API_INDEX && fs.existsSync(PACKED_DEFAULT_API_INDEX);
    view = new ApiIndexView(packed ? openPackedIndex(gunzipSync(fs.readFileSync(PACKED_DEFAULT_API_INDEX))) : readApiIndexFile(key));
    views.set(key, view);
  }
  return view;
}
