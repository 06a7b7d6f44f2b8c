// Reads an API index file (JSON, or gzip-compressed JSON ending in .gz) once per path and wraps it
// in a view. A team's own index is checked with zod: a bad one fails with the path of the bad field.
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DATA_DIR } from '../data-dir.js';
import { ValidatorError } from '../errors.js';
import { ApiIndexView } from './api-view.js';
import { type ApiIndex, ApiIndexSchema } from './schema.js';

const views = new Map<string, ApiIndexView>();

/** The index shipped with the package (used by the onex-v2 profile). */
export const DEFAULT_API_INDEX = path.join(DATA_DIR, 'api', 'omnibase_core-0.3.1.json.gz');

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
  if (!view) views.set(key, (view = new ApiIndexView(readApiIndexFile(key))));
  return view;
}
